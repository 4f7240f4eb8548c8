package dev.dualwrite.benchmarks;

import dev.dualwrite.jdbc.DualWriteDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDBC door end to end on in-memory H2: prepared statements on {@code people(id, email, full_name, display_name,
 * phone_number)} (10,000 rows), each prepared once per trial (the pooled-statement case) and executed per call, through
 * four drivers in the same run:
 * <ul>
 *   <li>{@code h2}: the H2 driver directly (the baseline);</li>
 *   <li>{@code dualwrite-other-table}: {@code jdbc:dualwrite:h2:...} with a window on another table, so the statements
 *       pass through unchanged (the cost every statement pays once dualwrite is installed);</li>
 *   <li>{@code dualwrite-rewrite}: {@code jdbc:dualwrite:h2:...} with {@code people.full_name -> display_name} in
 *       mirror, so the SELECT of display_name is read from full_name and the INSERT writes both columns with its
 *       parameter bound twice;</li>
 *   <li>{@code p6spy}: {@code jdbc:p6spy:h2:...}, the common JDBC proxy, with its logging module loaded but logging
 *       nothing (see {@link Fork @Fork}), so that it measures the proxy and not a log file.</li>
 * </ul>
 * {@code selectById} reads one row by primary key; {@code insertThenDelete} inserts a row and deletes it again by
 * primary key (two statements), which keeps the table at its size.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// p6spy is configured through system properties (prefix p6spy.config.), so no spy.properties file is read or needed:
// its appender is the SLF4J one instead of the default spy.log file, and the SLF4J logger it writes to ("p6spy") is set
// to warn, so every statement and commit event is found disabled before a message is formatted or written.
// Three forks: one JVM's JIT decisions move a sub-microsecond score by up to 10%, more than the differences measured.
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m",
        "-Dp6spy.config.appender=com.p6spy.engine.spy.appender.Slf4JLogger",
        "-Dorg.slf4j.simpleLogger.log.p6spy=warn"})
@State(Scope.Thread)
public class JdbcBenchmark {
    static final int ROWS = 10_000;

    /** The new version's read: in mirror, display_name is served from full_name. */
    static final String SELECT = "SELECT id, email, display_name, phone_number FROM people WHERE id = ?";
    /** The old version's write: in mirror, full_name is written to display_name as well. */
    static final String INSERT = "INSERT INTO people (id, email, full_name, phone_number) VALUES (?, ?, ?, ?)";
    static final String DELETE = "DELETE FROM people WHERE id = ?";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Param({"h2", "dualwrite-other-table", "dualwrite-rewrite", "p6spy"})
    public String driver;

    private Path configDir;
    private Connection setup;
    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement insert;
    private PreparedStatement delete;
    private int nextRead;
    private int nextInsert;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String h2 = "h2:mem:jdbcbench" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        setup = DriverManager.getConnection("jdbc:" + h2, "sa", "");
        try (Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE people (id BIGINT PRIMARY KEY, email VARCHAR(200), full_name VARCHAR(200),"
                    + " display_name VARCHAR(200), phone_number VARCHAR(40))");
        }
        try (PreparedStatement ps = setup.prepareStatement("INSERT INTO people VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= ROWS; id++) {
                ps.setLong(1, id);
                ps.setString(2, "person" + id + "@example.com");
                ps.setString(3, "Person " + id);
                ps.setString(4, "Person " + id);
                ps.setString(5, "+1 555 " + (1000 + id));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        connection = open(h2);
        select = connection.prepareStatement(SELECT);
        insert = connection.prepareStatement(INSERT);
        delete = connection.prepareStatement(DELETE);
        check();
    }

    private Connection open(String h2) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        switch (driver) {
            case "h2":
                return DriverManager.getConnection("jdbc:" + h2, p);
            case "p6spy":
                return DriverManager.getConnection("jdbc:p6spy:" + h2, p);
            case "dualwrite-other-table":
                p.setProperty(DualWriteDriver.CONFIG_PROPERTY, config("orders", "status", "state").toString());
                return DriverManager.getConnection("jdbc:dualwrite:" + h2, p);
            case "dualwrite-rewrite":
                p.setProperty(DualWriteDriver.CONFIG_PROPERTY, config("people", "full_name", "display_name")
                        .toString());
                return DriverManager.getConnection("jdbc:dualwrite:" + h2, p);
            default:
                throw new IllegalArgumentException("unknown driver " + driver);
        }
    }

    private Path config(String table, String from, String to) throws Exception {
        configDir = Files.createTempDirectory("dualwrite-bench");
        Path file = configDir.resolve("dualwrite.yaml");
        Files.writeString(file, "windows:\n  - table: " + table + "\n    from: " + from + "\n    to: " + to
                + "\n    phase: mirror\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Fails the trial unless each driver is what it claims and the statements are (or are not) rewritten. */
    private void check() throws SQLException {
        String name = connection.getClass().getName();
        boolean rewrite = driver.equals("dualwrite-rewrite");
        boolean expected = switch (driver) {
            case "h2" -> name.startsWith("org.h2.");
            case "p6spy" -> name.startsWith("com.p6spy.");
            default -> name.startsWith("dev.dualwrite.")
                    && connection.nativeSQL(SELECT).equals(SELECT) != rewrite
                    && connection.nativeSQL(INSERT).equals(INSERT) != rewrite;
        };
        if (!expected) {
            throw new IllegalStateException(driver + ": unexpected connection " + name + " or rewrite "
                    + connection.nativeSQL(SELECT) + " / " + connection.nativeSQL(INSERT));
        }
        if (!selectById().equals("Person 1")) {
            throw new IllegalStateException(driver + ": wrong row");
        }
        insert(-1);
        try (Statement s = setup.createStatement();
                ResultSet rs = s.executeQuery("SELECT full_name, display_name FROM people WHERE id = -1")) {
            rs.next();
            String displayName = rs.getString(2);
            if (!"Person -1".equals(rs.getString(1)) || (rewrite != "Person -1".equals(displayName))) {
                throw new IllegalStateException(driver + ": the insert wrote display_name = " + displayName);
            }
        }
        delete(-1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        connection.close();
        try (Statement s = setup.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        }
        setup.close();
        if (configDir != null) {
            Files.deleteIfExists(configDir.resolve("dualwrite.yaml"));
            Files.deleteIfExists(configDir);
        }
    }

    /** A primary-key read of one of the 10,000 rows, in turn. */
    @Benchmark
    public String selectById() throws SQLException {
        select.setLong(1, 1 + nextRead);
        nextRead = nextRead == ROWS - 1 ? 0 : nextRead + 1;
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getString(3);
        }
    }

    /** Inserts a row above the pre-filled ids and deletes it again. */
    @Benchmark
    public int insertThenDelete() throws SQLException {
        long id = ROWS + 1 + (nextInsert++ & 1023);
        return insert(id) + delete(id);
    }

    private int insert(long id) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, "person" + id + "@example.com");
        insert.setString(3, "Person " + id);
        insert.setString(4, "+1 555 0100");
        return insert.executeUpdate();
    }

    private int delete(long id) throws SQLException {
        delete.setLong(1, id);
        return delete.executeUpdate();
    }
}
