package dev.dualwrite.sidecar;

import dev.dualwrite.sidecar.ExternalPrograms.Result;
import dev.dualwrite.sidecar.ExternalPrograms.Run;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Assertions;

/**
 * A self-signed certificate made for the test by the JDK's keytool, valid for {@code localhost} and
 * {@code 127.0.0.1}, with its PEM form for clients that verify it.
 */
final class TestCertificates {
    private static final char[] PASSWORD = "sidecar-test".toCharArray();

    final PrivateKey key;
    final X509Certificate certificate;
    /** The certificate in PEM, the root a verifying client trusts. */
    final Path certificatePem;

    private TestCertificates(PrivateKey key, X509Certificate certificate, Path certificatePem) {
        this.key = key;
        this.certificate = certificate;
        this.certificatePem = certificatePem;
    }

    static TestCertificates create(Path dir, String commonName) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve(commonName + ".p12");
        Files.deleteIfExists(store);
        Result r = new Run(keytool, "-genkeypair", "-alias", "sidecar", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=" + commonName, "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store, "-storepass", new String(PASSWORD))
                .timeout(Duration.ofSeconds(60)).run();
        Assertions.assertEquals(0, r.exit(), r::describe);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) ks.getKey("sidecar", PASSWORD);
        X509Certificate cert = (X509Certificate) ks.getCertificate("sidecar");
        Path pem = dir.resolve(commonName + ".crt");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        return new TestCertificates(key, cert, pem);
    }

    SslContext serverContext() throws Exception {
        return SslContextBuilder.forServer(key, certificate).build();
    }
}
