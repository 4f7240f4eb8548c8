package dev.dualwrite.core.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code dualwrite.yaml}. Works on SnakeYAML's node tree rather than on maps so that every error can name its
 * line.
 */
final class ConfigParser {
    private static final Set<String> TOP_KEYS = Set.of("windows", "on-unsupported", "limits", "control");
    private static final Set<String> CONTROL_KEYS = Set.of("poll", "url", "user", "password-env", "schema");
    private static final Set<String> WINDOW_KEYS = Set.of("table", "from", "to", "phase", "drop", "default",
            "on-unsupported");
    private static final Set<String> LIMIT_KEYS = Set.of("max-statement-length", "max-nesting-depth",
            "parse-budget-ms");

    private ConfigParser() {
    }

    static Configuration parse(String yaml, String origin) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1024 * 1024);
        Node root;
        try {
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ConfigException(origin, mark == null ? 0 : mark.getLine() + 1,
                    "not valid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()), e);
        } catch (YAMLException e) {
            throw new ConfigException(origin, 0, "not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (root == null) {
            return new Configuration(List.of(), OnUnsupported.REJECT, Limits.DEFAULT, 1, origin);
        }
        MappingNode top = mapping(root, origin, "the top level");
        Map<String, Node> keys = keys(top, origin, TOP_KEYS, "at the top level");

        OnUnsupported onUnsupported = OnUnsupported.REJECT;
        if (keys.containsKey("on-unsupported")) {
            onUnsupported = onUnsupported(keys.get("on-unsupported"), origin);
        }
        Limits limits = Limits.DEFAULT;
        if (keys.containsKey("limits")) {
            limits = limits(keys.get("limits"), origin);
        }
        ControlSettings control = null;
        if (keys.containsKey("control")) {
            control = control(keys.get("control"), origin);
        }
        List<Window> windows = new ArrayList<>();
        Node windowsNode = keys.get("windows");
        if (windowsNode != null && !isNull(windowsNode)) {
            if (!(windowsNode instanceof SequenceNode)) {
                throw new ConfigException(origin, line(windowsNode),
                        "'windows' must be a list, each item starting with '- table: ...'");
            }
            for (Node item : ((SequenceNode) windowsNode).getValue()) {
                windows.add(window(item, origin));
            }
        }
        checkWindows(windows, origin);
        return new Configuration(windows, onUnsupported, limits, 1, origin, control);
    }

    /** The {@code control:} block; an empty block ({@code control:} alone) means every default. */
    private static ControlSettings control(Node node, String origin) throws ConfigException {
        if (isNull(node)) {
            return ControlSettings.defaults();
        }
        MappingNode map = mapping(node, origin, "'control'");
        Map<String, Node> keys = keys(map, origin, CONTROL_KEYS, "in 'control'");
        long poll = ControlSettings.DEFAULT_POLL_MILLIS;
        if (keys.containsKey("poll")) {
            Node p = keys.get("poll");
            try {
                poll = ControlSettings.parseDuration(scalar(p, origin, "poll"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(origin, line(p), "control 'poll': " + e.getMessage());
            }
            if (poll < ControlSettings.MIN_POLL_MILLIS || poll > ControlSettings.MAX_POLL_MILLIS) {
                throw new ConfigException(origin, line(p), "control 'poll' must be between "
                        + ControlSettings.MIN_POLL_MILLIS + "ms and " + ControlSettings.MAX_POLL_MILLIS / 60_000
                        + "m, not " + scalar(p, origin, "poll"));
            }
        }
        String url = keys.containsKey("url") ? scalar(keys.get("url"), origin, "url") : null;
        if (url != null && !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new ConfigException(origin, line(keys.get("url")), "control 'url' must be a JDBC URL such as"
                    + " jdbc:postgresql://host:5432/app, not '" + url + "'");
        }
        if (url != null && url.regionMatches(true, 0, "jdbc:dualwrite:", 0, 15)) {
            throw new ConfigException(origin, line(keys.get("url")), "control 'url' must name the database's own"
                    + " driver (jdbc:postgresql:..., jdbc:mariadb:...), not jdbc:dualwrite:");
        }
        String user = keys.containsKey("user") ? scalar(keys.get("user"), origin, "user") : null;
        String passwordEnv = keys.containsKey("password-env")
                ? scalar(keys.get("password-env"), origin, "password-env") : null;
        if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ConfigException(origin, line(keys.get("password-env")), "control 'password-env' names the"
                    + " environment variable that holds the password (letters, digits and _), not the password: '"
                    + passwordEnv.charAt(0) + "...' is not a variable name");
        }
        if (url == null && (user != null || passwordEnv != null)) {
            Node at = keys.containsKey("user") ? keys.get("user") : keys.get("password-env");
            throw new ConfigException(origin, line(at), "control 'user' and 'password-env' belong to 'url'; without"
                    + " 'url' the control tables are read with the application's own connection settings");
        }
        String schema = keys.containsKey("schema") ? scalar(keys.get("schema"), origin, "schema") : null;
        return new ControlSettings(poll, url, user, passwordEnv, schema);
    }

    private static Window window(Node node, String origin) throws ConfigException {
        MappingNode map = mapping(node, origin, "a window");
        Map<String, Node> keys = keys(map, origin, WINDOW_KEYS, "in a window");
        int line = line(node);
        Node tableNode = keys.get("table");
        if (tableNode == null) {
            throw new ConfigException(origin, line, "a window needs 'table'");
        }
        TableRef table;
        try {
            table = TableRef.parse(scalar(tableNode, origin, "table"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin, line(tableNode), "bad table name: " + e.getMessage());
        }
        OnUnsupported own = keys.containsKey("on-unsupported") ? onUnsupported(keys.get("on-unsupported"), origin)
                : null;
        boolean rename = keys.containsKey("from") || keys.containsKey("to") || keys.containsKey("phase");
        boolean drop = keys.containsKey("drop");
        if (rename && drop) {
            throw new ConfigException(origin, line, "a window is either a rename (from, to, phase) or a drop (drop),"
                    + " not both; declare two windows");
        }
        if (drop) {
            Name column = name(keys.get("drop"), origin, "drop");
            String defaultValue = keys.containsKey("default") ? literal(keys.get("default"), origin) : null;
            return new DropWindow(table, column, defaultValue, own, line);
        }
        if (keys.containsKey("default")) {
            throw new ConfigException(origin, line(keys.get("default")),
                    "'default' belongs to drop windows only (the value reads of a dropped column return)");
        }
        for (String required : List.of("from", "to", "phase")) {
            if (!keys.containsKey(required)) {
                throw new ConfigException(origin, line, "window on " + table + " needs '" + required
                        + "' (a rename window has from, to and phase; a drop window has drop)");
            }
        }
        Name from = name(keys.get("from"), origin, "from");
        Name to = name(keys.get("to"), origin, "to");
        String phaseText = scalar(keys.get("phase"), origin, "phase");
        Phase phase = Phase.fromConfigName(phaseText);
        if (phase == null) {
            throw new ConfigException(origin, line(keys.get("phase")), "unknown phase '" + phaseText
                    + "'; use one of old-only, mirror, read-new, new-only");
        }
        return new RenameWindow(table, from, to, phase, own, line);
    }

    /** Rejects windows that claim the same column of the same table, and renames to the same name. */
    static void checkWindows(List<Window> windows, String origin) throws ConfigException {
        Map<String, List<Window>> claimed = new HashMap<>();
        for (Window w : windows) {
            List<Name> columns;
            if (w instanceof RenameWindow) {
                RenameWindow r = (RenameWindow) w;
                if (key(r.from()).equals(key(r.to()))) {
                    throw new ConfigException(origin, w.line(), "window on " + w.table() + " renames " + r.from()
                            + " to itself");
                }
                columns = List.of(r.from(), r.to());
            } else {
                columns = List.of(((DropWindow) w).column());
            }
            for (Name column : columns) {
                // Conservative: names that differ only in case are treated as the same column, since some
                // database (MySQL) or folding rule would make them collide. Windows on one table name in two named
                // schemas do not collide; a window without a schema applies to every schema.
                String k = key(w.table().name()) + "." + key(column);
                Window earlier = null;
                for (Window other : claimed.getOrDefault(k, List.of())) {
                    Name a = other.table().schema();
                    Name b = w.table().schema();
                    if (other != w && (a == null || b == null || key(a).equals(key(b)))) {
                        earlier = other;
                    }
                }
                claimed.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(w);
                if (earlier != null) {
                    throw new ConfigException(origin, w.line(), "column " + w.table() + "." + column
                            + " is declared in two windows" + (earlier.line() > 0 ? " (see line " + earlier.line()
                            + ")" : "") + "; keep one window per column and change its phase instead");
                }
            }
        }
    }

    private static String key(Name name) {
        return name.text().toLowerCase(Locale.ROOT);
    }

    private static Limits limits(Node node, String origin) throws ConfigException {
        MappingNode map = mapping(node, origin, "'limits'");
        Map<String, Node> keys = keys(map, origin, LIMIT_KEYS, "in 'limits'");
        Limits d = Limits.DEFAULT;
        int length = keys.containsKey("max-statement-length")
                ? (int) positive(keys.get("max-statement-length"), origin, "max-statement-length")
                : d.maxStatementLength();
        int depth = keys.containsKey("max-nesting-depth")
                ? (int) positive(keys.get("max-nesting-depth"), origin, "max-nesting-depth") : d.maxNestingDepth();
        long budget = keys.containsKey("parse-budget-ms")
                ? positive(keys.get("parse-budget-ms"), origin, "parse-budget-ms") : d.parseBudgetMillis();
        return new Limits(length, depth, budget);
    }

    private static long positive(Node node, String origin, String key) throws ConfigException {
        String text = scalar(node, origin, key);
        try {
            long v = Long.parseLong(text.replace("_", ""));
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigException(origin, line(node), "'" + key + "' must be a positive whole number, not '" + text
                + "'");
    }

    private static OnUnsupported onUnsupported(Node node, String origin) throws ConfigException {
        String text = scalar(node, origin, "on-unsupported");
        OnUnsupported value = OnUnsupported.fromConfigName(text);
        if (value == null) {
            throw new ConfigException(origin, line(node), "unknown on-unsupported value '" + text
                    + "'; use reject (fail the statement) or pass (send it unchanged with a warning)");
        }
        return value;
    }

    private static Name name(Node node, String origin, String key) throws ConfigException {
        String text = scalar(node, origin, key);
        try {
            return Name.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin, line(node), "bad column name in '" + key + "': " + e.getMessage());
        }
    }

    /** A drop window's default as an SQL literal: strings are quoted, numbers and booleans kept, null is NULL. */
    private static String literal(Node node, String origin) throws ConfigException {
        if (!(node instanceof ScalarNode)) {
            throw new ConfigException(origin, line(node), "'default' must be a single value (a string, a number,"
                    + " true, false or null)");
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        String v = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return "NULL";
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            String plain = v.replace("_", "");
            if (plain.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return plain;
            }
            throw new ConfigException(origin, line(node), "'default' number '" + v
                    + "' is not a plain decimal number; quote it to use it as a string");
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) ? "TRUE" : "FALSE";
        }
        return "'" + v.replace("'", "''") + "'";
    }

    private static MappingNode mapping(Node node, String origin, String what) throws ConfigException {
        if (!(node instanceof MappingNode)) {
            throw new ConfigException(origin, line(node), what + " must be a mapping of 'key: value' lines");
        }
        return (MappingNode) node;
    }

    private static Map<String, Node> keys(MappingNode map, String origin, Set<String> allowed, String where)
            throws ConfigException {
        Map<String, Node> result = new HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            String key = scalar(keyNode, origin, "key");
            if (!allowed.contains(key)) {
                throw new ConfigException(origin, line(keyNode), "unknown key '" + key + "' " + where
                        + " (expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (result.put(key, tuple.getValueNode()) != null) {
                throw new ConfigException(origin, line(keyNode), "key '" + key + "' appears twice " + where);
            }
        }
        return result;
    }

    private static String scalar(Node node, String origin, String key) throws ConfigException {
        if (!(node instanceof ScalarNode) || isNull(node)) {
            throw new ConfigException(origin, line(node), "'" + key + "' must have a single value");
        }
        String v = ((ScalarNode) node).getValue().trim();
        if (v.isEmpty()) {
            throw new ConfigException(origin, line(node), "'" + key + "' must not be empty");
        }
        return v;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
