package dev.dualwrite.jdbc.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor run by the JDK's compiler on small sources, and the classes it writes loaded and called. */
class ForwardingLeafProcessorTest {
    @TempDir
    Path dir;

    private static final String TARGET = """
            package p;
            public interface Target extends AutoCloseable {
                String name(int n) throws java.sql.SQLException;
                <T> T as(Class<T> type) throws java.sql.SQLException;
                void fail() throws java.sql.SQLException;
                default String greeting() { return "hello"; }
                @Deprecated int old();
                void close() throws java.sql.SQLException;
            }
            """;

    private static final String IMPL = """
            package p;
            public class Impl implements Target {
                public String name(int n) { return "name " + n; }
                public <T> T as(Class<T> type) { return type.cast(this); }
                public void fail() throws java.sql.SQLException { throw new java.sql.SQLException("driver", "42000"); }
                public String greeting() { return "hi from the driver"; }
                public int old() { return 7; }
                public void close() { }
            }
            """;

    private static final String OTHER = """
            package p;
            final class Other {
                String name(int n) { return "other " + n; }
            }
            """;

    private record Result(boolean ok, List<String> errors, Path classes) {
    }

    private int compilations;

    private Result compile(Map<String, String> sources) throws IOException {
        Path run = dir.resolve("run" + ++compilations);
        Path src = Files.createDirectories(run.resolve("src/p"));
        Path out = Files.createDirectories(run.resolve("out"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey() + ".java");
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "-s", out.toString(),
                    "-classpath", System.getProperty("java.class.path"),
                    "-processor", ForwardingLeafProcessor.class.getName());
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                errors.add(d.getKind() + ": " + d.getMessage(Locale.ROOT));
            }
            return new Result(ok, errors, out);
        }
    }

    private static String base(String annotation, String body) {
        return """
                package p;
                %s
                abstract class Base implements Target {
                    final Target target;
                    final Other other = new Other();
                    final List<SQLException> funnelled = new ArrayList<>();
                    Base(Target target) {
                        this.target = target;
                    }
                    %s
                }
                """.formatted(annotation, body)
                .replace("package p;", "package p;\nimport java.sql.SQLException;\nimport java.util.ArrayList;\n"
                        + "import java.util.List;");
    }

    private static final String FUNNEL = """
            SQLException failed(SQLException e) {
                funnelled.add(e);
                return new SQLException("funnelled: " + e.getMessage(), e.getSQLState(), e);
            }
            @Override
            public void close() {
            }
            """;

    @Test
    void theLeafForwardsWhatTheBaseLeavesOpenThroughTheFunnel() throws Exception {
        Result r = compile(Map.of("Target", TARGET, "Impl", IMPL, "Other", OTHER,
                "Base", base("@dev.dualwrite.jdbc.codegen.ForwardingLeaf(name = \"Leaf\", of = Target.class,"
                        + " to = \"target\", isPublic = true)", FUNNEL)));
        assertTrue(r.ok(), r.errors().toString());
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {r.classes().toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> leaf = loader.loadClass("p.Leaf");
            assertTrue(Modifier.isFinal(leaf.getModifiers()));
            assertTrue(Modifier.isPublic(leaf.getModifiers()));
            Object impl = loader.loadClass("p.Impl").getConstructor().newInstance();
            Constructor<?> c = leaf.getDeclaredConstructor(loader.loadClass("p.Target"));
            c.setAccessible(true);
            Object wrapper = c.newInstance(impl);
            assertEquals("name 3", call(leaf, wrapper, "name", new Class<?>[] {int.class}, 3));
            assertSame(impl, call(leaf, wrapper, "as", new Class<?>[] {Class.class}, loader.loadClass("p.Impl")));
            assertEquals("hi from the driver", call(leaf, wrapper, "greeting", new Class<?>[0]),
                    "a default method is forwarded too: the driver may implement it");
            assertEquals(7, call(leaf, wrapper, "old", new Class<?>[0]));
            assertTrue(leaf.getMethod("old").isAnnotationPresent(Deprecated.class));
            String generated = Files.readString(r.classes().resolve("p/Leaf.java"));
            assertFalse(generated.contains("close()"), "what the base implements is not generated: " + generated);
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> call(leaf, wrapper, "fail", new Class<?>[0]));
            SQLException thrown = (SQLException) e.getCause();
            assertEquals("funnelled: driver", thrown.getMessage(), "the funnel's exception is thrown");
            assertEquals("42000", thrown.getSQLState());
        }
    }

    @Test
    void aViaFieldTakesTheMethodsItsClassDeclares() throws Exception {
        Result r = compile(Map.of("Target", TARGET, "Impl", IMPL, "Other", OTHER,
                "Base", base("@dev.dualwrite.jdbc.codegen.ForwardingLeaf(name = \"Leaf\", of = Target.class,"
                        + " to = \"target\", via = \"other\")", FUNNEL)));
        assertTrue(r.ok(), r.errors().toString());
        String generated = Files.readString(r.classes().resolve("p/Leaf.java"));
        assertTrue(generated.contains("return other.name(p0);"), generated);
        assertTrue(generated.contains("return target.greeting();"), generated);
        assertFalse(generated.contains("public final class"), "package-private unless asked");
    }

    @Test
    void mistakesAreCompileErrorsOnTheAnnotatedClass() throws Exception {
        Result noFunnel = compile(Map.of("Target", TARGET, "Impl", IMPL, "Other", OTHER,
                "Base", base("@dev.dualwrite.jdbc.codegen.ForwardingLeaf(name = \"Leaf\", of = Target.class,"
                        + " to = \"target\")", "public void close() { }")));
        assertFalse(noFunnel.ok());
        assertTrue(noFunnel.errors().toString().contains("needs a method SQLException failed(SQLException)"),
                noFunnel.errors().toString());

        Result wrongField = compile(Map.of("Target", TARGET, "Impl", IMPL, "Other", OTHER,
                "Base", base("@dev.dualwrite.jdbc.codegen.ForwardingLeaf(name = \"Leaf\", of = Target.class,"
                        + " to = \"other\")", FUNNEL)));
        assertFalse(wrongField.ok());
        assertTrue(wrongField.errors().toString().contains("field other is a p.Other, not a p.Target"),
                wrongField.errors().toString());

        Result noField = compile(Map.of("Target", TARGET, "Impl", IMPL, "Other", OTHER,
                "Base", base("@dev.dualwrite.jdbc.codegen.ForwardingLeaf(name = \"Leaf\", of = Target.class,"
                        + " to = \"missing\")", FUNNEL)));
        assertFalse(noField.ok());
        assertTrue(noField.errors().toString().contains("no field missing to forward to"),
                noField.errors().toString());
    }

    private static Object call(Class<?> type, Object target, String name, Class<?>[] types, Object... args)
            throws Exception {
        Method m = type.getMethod(name, types);
        m.setAccessible(true);
        return m.invoke(target, args);
    }
}
