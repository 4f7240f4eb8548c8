package dev.dualwrite.sidecar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** {@code /health} and {@code /metrics} (Prometheus text) over HTTP, with the JDK's own small HTTP server. */
final class AdminServer {
    private final InetSocketAddress address;
    private final SidecarServer sidecar;
    private HttpServer http;

    AdminServer(InetSocketAddress address, SidecarServer sidecar) {
        this.address = address;
        this.sidecar = sidecar;
    }

    AdminServer start() throws IOException {
        http = HttpServer.create(address, 16);
        http.createContext("/health", ex -> {
            boolean up = sidecar.isListening();
            respond(ex, up ? 200 : 503, "text/plain", up ? "ok\n" : "not listening\n");
        });
        http.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4",
                sidecar.prometheus()));
        http.start();
        return this;
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    void stop() {
        http.stop(0);
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
