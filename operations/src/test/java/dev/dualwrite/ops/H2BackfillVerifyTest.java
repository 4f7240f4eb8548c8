package dev.dualwrite.ops;

import java.sql.SQLException;

class H2BackfillVerifyTest extends BackfillVerifyTest {

    @Override
    TestDb open() throws SQLException {
        return TestDb.h2();
    }

    @Override
    void create() throws SQLException {
        db.exec("CREATE TABLE " + t + " (tenant VARCHAR(5), id INT, note VARCHAR_IGNORECASE(100),"
                + " amount NUMERIC(20, 6), at TIMESTAMP(6) WITH TIME ZONE, doc JSON, PRIMARY KEY (tenant, id))");
    }

    @Override
    String jsonLiteral(String json) {
        return json + " FORMAT JSON";
    }
}
