package dev.dualwrite.ops;

import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

@Tag("database")
class MariaDbBackfillVerifyTest extends BackfillVerifyTest {

    @Override
    TestDb open() {
        return TestDb.mariadb();
    }

    @Override
    void create() throws SQLException {
        db.exec("CREATE TABLE " + t + " (tenant varchar(5), id int, note varchar(100) CHARACTER SET utf8mb4"
                + " COLLATE utf8mb4_general_ci, amount decimal(20, 6), at timestamp(6) NULL, doc json,"
                + " PRIMARY KEY (tenant, id)) ENGINE=InnoDB");
    }

    @Override
    String jsonLiteral(String json) {
        return json;
    }
}
