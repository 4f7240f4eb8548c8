package dev.dualwrite.ops;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;

@Tag("database")
class MariaDbPlanApplyTest extends PlanApplyTest {

    @Override
    TestDb open() {
        return TestDb.mariadb();
    }

    @Override
    void createTables() throws SQLException {
        db.exec("CREATE TABLE " + org + " (code varchar(10) PRIMARY KEY) ENGINE=InnoDB",
                "CREATE TABLE " + people + " (id bigint PRIMARY KEY,"
                        + " name varchar(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT 'anon',"
                        + " amount decimal(12,4) DEFAULT 0, seen timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3),"
                        + " doc json, mood enum('happy','sad') DEFAULT 'happy', org varchar(10),"
                        + " phone varchar(20) NOT NULL,"
                        + " CONSTRAINT " + people + "_name_nonempty CHECK (char_length(name) > 0),"
                        + " CONSTRAINT " + people + "_org FOREIGN KEY (org) REFERENCES " + org + " (code),"
                        + " KEY " + people + "_name_prefix (name(10)), UNIQUE KEY " + people + "_org_name (org, name))"
                        + " ENGINE=InnoDB");
    }

    @Override
    Map<String, String> renames() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("name", "display_name");
        r.put("amount", "total");
        r.put("seen", "seen_at");
        r.put("doc", "document");
        r.put("mood", "feeling");
        r.put("org", "org_code");
        return r;
    }

    @Override
    String collation(String column) throws SQLException {
        return db.string("SELECT CONCAT(COALESCE(COLLATION_NAME, ''), ' ', COLUMN_TYPE) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + people + "' AND COLUMN_NAME = '" + column
                + "'");
    }
}
