package dev.dualwrite.ops;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

class H2PlanApplyTest extends PlanApplyTest {

    @Override
    TestDb open() throws SQLException {
        return TestDb.h2();
    }

    @Override
    void createTables() throws SQLException {
        db.exec("CREATE TABLE " + org + " (code VARCHAR(10) PRIMARY KEY)",
                "CREATE TABLE " + people + " (id BIGINT PRIMARY KEY,"
                        + " name VARCHAR(80) DEFAULT 'anon' NOT NULL CHECK (CHAR_LENGTH(name) > 0),"
                        + " amount NUMERIC(12, 4) DEFAULT 0, seen TIMESTAMP(3) WITH TIME ZONE, doc JSON,"
                        + " tags VARCHAR(20) ARRAY[5], mood ENUM('happy', 'sad') DEFAULT 'happy',"
                        + " org VARCHAR(10) REFERENCES " + org + " (code), phone VARCHAR(20) NOT NULL,"
                        + " CONSTRAINT " + people + "_org_name UNIQUE (org, name))",
                "CREATE INDEX " + people + "_name ON " + people + " (name DESC)");
    }

    @Override
    Map<String, String> renames() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("name", "display_name");
        r.put("amount", "total");
        r.put("seen", "seen_at");
        r.put("doc", "document");
        r.put("tags", "labels");
        r.put("mood", "feeling");
        r.put("org", "org_code");
        return r;
    }

    @Override
    String collation(String column) throws SQLException {
        return db.string("SELECT DATA_TYPE || ' ' || COALESCE(CAST(MAXIMUM_CARDINALITY AS VARCHAR), '') FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = '" + db.stored(people) + "' AND COLUMN_NAME = '"
                + db.stored(column) + "'");
    }
}
