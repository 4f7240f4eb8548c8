package dev.dualwrite.ops;

import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

@Tag("database")
class PostgresBackfillVerifyTest extends BackfillVerifyTest {

    @Override
    TestDb open() {
        return TestDb.postgres();
    }

    @Override
    void create() throws SQLException {
        // A nondeterministic (case-insensitive) collation: 'NOTE 1' = 'Note 1' under it, yet the copy must be exact.
        String ci = db.table("ci");
        db.dropOnClose("DROP COLLATION IF EXISTS " + ci);
        db.exec("CREATE COLLATION " + ci + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                "CREATE TABLE " + t + " (tenant varchar(5), id int, note text COLLATE " + ci + ","
                        + " amount numeric(20, 6), at timestamptz(6), doc json, PRIMARY KEY (tenant, id))");
    }

    @Override
    String jsonLiteral(String json) {
        return "CAST(" + json + " AS json)";
    }
}
