package dev.dualwrite.cli;

import dev.dualwrite.ops.TestDb;
import java.net.ServerSocket;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;

/** H2 through its TCP server, so that the backfill process and the test's writers share one database. */
@Tag("process")
class H2BackfillKillTest extends BackfillKillTest {
    private Server server;

    @Override
    TestDb open() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
        return TestDb.h2("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:dwkill" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1;USER=sa");
    }

    @Override
    void afterDatabase() {
        if (server != null) {
            server.stop();
        }
    }
}
