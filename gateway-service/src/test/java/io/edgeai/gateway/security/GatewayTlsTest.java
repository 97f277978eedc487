package io.edgeai.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeai.gateway.config.TlsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's port over HTTPS from a PEM certificate and key (as a Kubernetes TLS Secret holds them): a client
 * trusting that certificate is answered, a plain-HTTP request on the same port is refused. The key pair is made
 * for the test by the JDK's keytool.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTlsTest {

    static final String PASSWORD = "changeit";
    static final Path DIR = keyMaterial();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("edge.tls.certificate", () -> DIR.resolve("tls.crt").toString());
        registry.add("edge.tls.private-key", () -> DIR.resolve("tls.key").toString());
        registry.add("edge.spool.dir", () -> DIR.resolve("spool").toString());
    }

    @Test
    void servesHttpsWithTheGivenCertificateAndRefusesPlainHttp() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(trusting(DIR.resolve("keystore.p12")))
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health/liveness")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void aPkcs12KeyStoreWorksAndHalfAPemPairIsRefusedAtStart() throws Exception {
        TlsProperties store = new TlsProperties(null, null, null, DIR.resolve("keystore.p12").toString(), PASSWORD,
                "PKCS12");
        assertThat(store.enabled()).isTrue();
        assertThat(store.bundle().getStores().getKeyStore().isKeyEntry("edge")).isTrue();
        assertThat(new TlsProperties("", " ", null, "", "", "PKCS12").enabled()).isFalse();
        assertThatThrownBy(() -> new TlsProperties(DIR.resolve("tls.crt").toString(), null, null, null, null,
                "PKCS12")).hasMessageContaining("EDGE_TLS_PRIVATE_KEY");
        assertThatThrownBy(() -> new TlsProperties(null, null, null, "/nowhere/keystore.p12", null, "PKCS12"))
                .hasMessageContaining("cannot read /nowhere/keystore.p12");
    }

    /** A self-signed localhost key pair: keystore.p12, and the same as PEM files tls.crt and tls.key. */
    private static Path keyMaterial() {
        try {
            Path dir = Files.createTempDirectory("gateway-tls");
            Path store = dir.resolve("keystore.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "edge", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String printed = new String(keytool.getInputStream().readAllBytes());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + printed);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            Certificate certificate = keys.getCertificate("edge");
            Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY",
                    keys.getKey("edge", PASSWORD.toCharArray()).getEncoded()));
            return dir;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("edge", keys.getCertificate("edge"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
