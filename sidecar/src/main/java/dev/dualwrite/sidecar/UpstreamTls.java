package dev.dualwrite.sidecar;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * TLS toward the database, in the spirit of libpq's sslmode: {@code disable} (plain), {@code prefer} (TLS when the
 * server offers it), {@code require} (TLS or no connection; the certificate is not checked, as with libpq), and
 * {@code verify-full} (TLS with the certificate checked against a CA file and the host name).
 */
public record UpstreamTls(Mode mode, SslContext context) {

    public enum Mode { DISABLE, PREFER, REQUIRE, VERIFY_FULL }

    public static final UpstreamTls DISABLED = new UpstreamTls(Mode.DISABLE, null);

    /**
     * @param mode   disable, prefer, require or verify-full
     * @param rootCa the CA certificates (PEM) for verify-full; ignored otherwise
     */
    public static UpstreamTls of(String mode, File rootCa) throws SSLException {
        Mode m;
        switch (mode.toLowerCase(Locale.ROOT)) {
            case "disable": m = Mode.DISABLE; break;
            case "prefer": m = Mode.PREFER; break;
            case "require": m = Mode.REQUIRE; break;
            case "verify-full": m = Mode.VERIFY_FULL; break;
            default:
                throw new IllegalArgumentException("unknown upstream sslmode '" + mode
                        + "'; use disable, prefer, require or verify-full");
        }
        if (m == Mode.DISABLE) {
            return DISABLED;
        }
        SslContextBuilder b = SslContextBuilder.forClient();
        if (m == Mode.VERIFY_FULL) {
            if (rootCa == null) {
                throw new IllegalArgumentException("upstream sslmode verify-full needs the CA file (--upstream-ca)");
            }
            b.trustManager(rootCa).endpointIdentificationAlgorithm("HTTPS");
        } else {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        }
        return new UpstreamTls(m, b.build());
    }
}
