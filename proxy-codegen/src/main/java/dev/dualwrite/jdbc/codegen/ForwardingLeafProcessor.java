package dev.dualwrite.jdbc.codegen;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Writes the class {@link ForwardingLeaf} asks for. The methods to forward are those of the interface, in the order the
 * interface and then its superinterfaces declare them, without the ones the annotated class (or a superclass) already
 * implements; signatures are taken as members of the annotated class, so type variables and generic parameters read as
 * they would in hand-written code. Mistakes in the annotation (a missing field, a field of another type, no error
 * funnel) are compile errors on the annotated class.
 */
@SupportedAnnotationTypes(ForwardingLeafProcessor.ANNOTATION)
public final class ForwardingLeafProcessor extends AbstractProcessor {
    static final String ANNOTATION = "dev.dualwrite.jdbc.codegen.ForwardingLeaf";
    private static final String SQL_EXCEPTION = "java.sql.SQLException";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(ANNOTATION);
        if (annotation == null) {
            return false;
        }
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
            if (e.getKind() != ElementKind.CLASS || !e.getModifiers().contains(Modifier.ABSTRACT)) {
                error(e, "@ForwardingLeaf belongs on an abstract class");
                continue;
            }
            try {
                generate((TypeElement) e, mirror(e));
            } catch (IOException io) {
                error(e, "could not write the forwarding class: " + io.getMessage());
            }
        }
        return true;
    }

    private AnnotationMirror mirror(Element e) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(ANNOTATION)) {
                return m;
            }
        }
        throw new IllegalStateException("no @ForwardingLeaf on " + e);
    }

    private static Object value(AnnotationMirror m, String name, Object fallback) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v : m.getElementValues().entrySet()) {
            if (v.getKey().getSimpleName().contentEquals(name)) {
                return v.getValue().getValue();
            }
        }
        return fallback;
    }

    private void generate(TypeElement base, AnnotationMirror m) throws IOException {
        Elements elements = processingEnv.getElementUtils();
        Types types = processingEnv.getTypeUtils();
        String name = (String) value(m, "name", null);
        TypeMirror ofType = (TypeMirror) value(m, "of", null);
        String field = (String) value(m, "to", null);
        boolean isPublic = (Boolean) value(m, "isPublic", Boolean.FALSE);
        TypeElement of = (TypeElement) types.asElement(ofType);
        if (of == null || of.getKind() != ElementKind.INTERFACE) {
            error(base, "@ForwardingLeaf(of = ...) must name an interface");
            return;
        }
        if (field(base, field, ofType) == null || !checkFunnel(base)) {
            return;
        }
        Map<String, TypeElement> via = new LinkedHashMap<>();
        Object viaValue = value(m, "via", List.of());
        for (Object v : (List<?>) viaValue) {
            String name2 = (String) ((AnnotationValue) v).getValue();
            VariableElement f = field(base, name2, null);
            if (f == null) {
                return;
            }
            via.put(name2, (TypeElement) types.asElement(f.asType()));
        }
        DeclaredType baseType = (DeclaredType) base.asType();
        String pkg = elements.getPackageOf(base).getQualifiedName().toString();

        StringBuilder out = new StringBuilder();
        out.append("package ").append(pkg).append(";\n\n");
        out.append("/**\n");
        String doc = elements.getDocComment(base);
        if (isPublic && doc != null) {
            // The public class carries the documentation of the behaviour it completes.
            for (String line : doc.stripTrailing().split("\n", -1)) {
                out.append(line.isBlank() ? " *" : " *" + (line.startsWith(" ") ? "" : " ") + line).append("\n");
            }
            out.append(" *\n * <p>");
        } else {
            out.append(" * ");
        }
        StringJoiner viaNames = new StringJoiner("}, {@code ", " (or, for the methods they declare, on {@code ", "})");
        viaNames.setEmptyValue("");
        via.keySet().forEach(viaNames::add);
        out.append("The final {@code ").append(of.getSimpleName()).append("} of {@code ").append(base.getSimpleName())
                .append("}: every method that class does not\n * implement calls the same method on {@code ")
                .append(field).append("}").append(viaNames).append(", its exceptions through {@code failed}.")
                .append("\n * Written at build time by")
                .append(" {@code ").append(getClass().getSimpleName())
                .append("} from {@code @ForwardingLeaf}; change the annotated class, not this one.\n */\n");
        out.append("@javax.annotation.processing.Generated(\"").append(getClass().getName()).append("\")\n");
        out.append("@SuppressWarnings(\"deprecation\")\n");
        out.append(isPublic ? "public " : "").append("final class ").append(name).append(" extends ")
                .append(base.getSimpleName()).append(" {\n");
        for (ExecutableElement c : ElementFilter.constructorsIn(base.getEnclosedElements())) {
            if (!c.getModifiers().contains(Modifier.PRIVATE)) {
                constructor(out, name, c);
            }
        }
        for (ExecutableElement method : toForward(base, of)) {
            ExecutableElement viaMethod = null;
            String target = field;
            for (Map.Entry<String, TypeElement> v : via.entrySet()) {
                viaMethod = declared(v.getValue(), method);
                if (viaMethod != null) {
                    target = v.getKey();
                    break;
                }
            }
            forward(out, baseType, method, target, viaMethod);
        }
        out.append("}\n");
        try (Writer w = processingEnv.getFiler().createSourceFile(pkg + "." + name, base).openWriter()) {
            w.write(out.toString());
        }
    }

    /** The field named {@code field}, checked to be readable (and of type {@code type} unless null); else null. */
    private VariableElement field(TypeElement base, String field, TypeMirror type) {
        Types types = processingEnv.getTypeUtils();
        for (VariableElement v : ElementFilter.fieldsIn(processingEnv.getElementUtils().getAllMembers(base))) {
            if (v.getSimpleName().contentEquals(field)) {
                if (type != null && !types.isAssignable(v.asType(), type)) {
                    error(base, "field " + field + " is a " + v.asType() + ", not a " + type);
                    return null;
                }
                if (v.getModifiers().contains(Modifier.PRIVATE)) {
                    error(base, "field " + field + " must not be private: the generated class reads it");
                    return null;
                }
                return v;
            }
        }
        error(base, "no field " + field + " to forward to");
        return null;
    }

    /** The method of {@code type} with the signature of {@code method} that a generated class may call, or null. */
    private ExecutableElement declared(TypeElement type, ExecutableElement method) {
        for (ExecutableElement e : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (!e.getModifiers().contains(Modifier.PRIVATE) && !e.getModifiers().contains(Modifier.STATIC)
                    && signature(e).equals(signature(method))) {
                return e;
            }
        }
        return null;
    }

    /** The annotated class must have {@code SQLException failed(SQLException)}. */
    private boolean checkFunnel(TypeElement base) {
        for (ExecutableElement e : ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(base))) {
            if (e.getSimpleName().contentEquals("failed") && e.getParameters().size() == 1
                    && e.getParameters().get(0).asType().toString().equals(SQL_EXCEPTION)
                    && e.getReturnType().toString().equals(SQL_EXCEPTION)
                    && !e.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        error(base, "@ForwardingLeaf needs a method SQLException failed(SQLException), the error funnel");
        return false;
    }

    /** The interface's methods that {@code base} leaves abstract, each once, in declaration order. */
    private List<ExecutableElement> toForward(TypeElement base, TypeElement of) {
        Map<String, ExecutableElement> bySignature = new LinkedHashMap<>();
        collect(of, bySignature);
        List<ExecutableElement> out = new ArrayList<>();
        for (ExecutableElement m : bySignature.values()) {
            if (!implemented(base, m)) {
                out.add(m);
            }
        }
        return out;
    }

    private void collect(TypeElement iface, Map<String, ExecutableElement> bySignature) {
        for (ExecutableElement m : ElementFilter.methodsIn(iface.getEnclosedElements())) {
            Set<Modifier> mods = m.getModifiers();
            if (!mods.contains(Modifier.STATIC) && !mods.contains(Modifier.PRIVATE)) {
                bySignature.putIfAbsent(signature(m), m);
            }
        }
        for (TypeMirror parent : iface.getInterfaces()) {
            collect((TypeElement) processingEnv.getTypeUtils().asElement(parent), bySignature);
        }
    }

    private String signature(ExecutableElement m) {
        StringJoiner j = new StringJoiner(",", m.getSimpleName() + "(", ")");
        for (VariableElement p : m.getParameters()) {
            j.add(processingEnv.getTypeUtils().erasure(p.asType()).toString());
        }
        return j.toString();
    }

    private boolean implemented(TypeElement base, ExecutableElement m) {
        Elements elements = processingEnv.getElementUtils();
        for (ExecutableElement e : ElementFilter.methodsIn(elements.getAllMembers(base))) {
            if (e.getEnclosingElement().getKind() == ElementKind.CLASS && !e.getModifiers().contains(Modifier.ABSTRACT)
                    && e.getSimpleName().contentEquals(m.getSimpleName())
                    && (e.equals(m) || elements.overrides(e, m, base))) {
                return true;
            }
        }
        return false;
    }

    private static void constructor(StringBuilder out, String name, ExecutableElement c) {
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        for (VariableElement p : c.getParameters()) {
            params.add(p.asType() + " " + p.getSimpleName());
            args.add(p.getSimpleName().toString());
        }
        out.append("\n    ").append(visibility(c)).append(name).append("(").append(String.join(", ", params))
                .append(")").append(throwsClause(c.getThrownTypes())).append(" {\n        super(")
                .append(String.join(", ", args)).append(");\n    }\n");
    }

    /**
     * Writes the method implementing {@code m} by a call on {@code field}; {@code viaMethod} is the method called when
     * the field is one of {@code via} (its exceptions decide whether the call goes through the funnel), else null.
     */
    private void forward(StringBuilder out, DeclaredType baseType, ExecutableElement m, String field,
            ExecutableElement viaMethod) {
        ExecutableType t = (ExecutableType) processingEnv.getTypeUtils().asMemberOf(baseType, m);
        List<String> params = new ArrayList<>();
        List<String> args = new ArrayList<>();
        List<? extends TypeMirror> types = t.getParameterTypes();
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i).toString();
            if (m.isVarArgs() && i == types.size() - 1) {
                type = type.substring(0, type.length() - 2) + "...";
            }
            params.add(type + " p" + i);
            args.add("p" + i);
        }
        boolean returns = t.getReturnType().getKind() != TypeKind.VOID;
        boolean throwsSql = false;
        for (TypeMirror thrown : viaMethod != null ? viaMethod.getThrownTypes() : t.getThrownTypes()) {
            throwsSql |= thrown.toString().equals(SQL_EXCEPTION);
        }
        String call = (returns ? "return " : "") + field + "." + m.getSimpleName() + "(" + String.join(", ", args)
                + ");";
        out.append("\n");
        if (processingEnv.getElementUtils().isDeprecated(m)) {
            out.append("    @Deprecated\n");
        }
        out.append("    @Override\n    public ").append(typeParameters(m)).append(t.getReturnType()).append(" ")
                .append(m.getSimpleName()).append("(").append(String.join(", ", params)).append(")")
                .append(throwsClause(t.getThrownTypes())).append(" {\n");
        if (throwsSql) {
            out.append("        try {\n            ").append(call).append("\n        } catch (java.sql.SQLException e) {\n")
                    .append("            throw failed(e);\n        }\n");
        } else {
            out.append("        ").append(call).append("\n");
        }
        out.append("    }\n");
    }

    private static String typeParameters(ExecutableElement m) {
        if (m.getTypeParameters().isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", "<", "> ");
        for (TypeParameterElement p : m.getTypeParameters()) {
            StringJoiner bounds = new StringJoiner(" & ");
            for (TypeMirror b : p.getBounds()) {
                if (!b.toString().equals("java.lang.Object")) {
                    bounds.add(b.toString());
                }
            }
            j.add(p.getSimpleName() + (bounds.length() == 0 ? "" : " extends " + bounds));
        }
        return j.toString();
    }

    private static String throwsClause(List<? extends TypeMirror> thrown) {
        if (thrown.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(", ", " throws ", "");
        for (TypeMirror t : thrown) {
            j.add(t.toString());
        }
        return j.toString();
    }

    private static String visibility(ExecutableElement c) {
        Set<Modifier> mods = c.getModifiers();
        return mods.contains(Modifier.PUBLIC) ? "public " : mods.contains(Modifier.PROTECTED) ? "protected " : "";
    }

    private void error(Element e, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
    }
}
