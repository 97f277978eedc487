package io.edgeai.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * HTTPS for the gateway, the suite's only public port: a PEM certificate chain with its private key, or a PKCS12
 * (or JKS) key store, as files (a mounted Kubernetes Secret, a compose secret). Neither set: plain HTTP, as the
 * launcher's demo runs. Set: the port speaks TLS only, so a plain-HTTP request is refused at the handshake. Files
 * are strings here so that an empty environment variable means "not set", never the current folder.
 *
 * @param certificate        PEM file of the certificate chain ({@code EDGE_TLS_CERTIFICATE})
 * @param privateKey         PEM file of its private key, PKCS#8 or PKCS#1 ({@code EDGE_TLS_PRIVATE_KEY})
 * @param privateKeyPassword password of an encrypted PEM key, if any
 * @param keyStore           PKCS12 or JKS file holding the key and its chain ({@code EDGE_TLS_KEYSTORE})
 * @param keyStorePassword   its password ({@code EDGE_TLS_KEYSTORE_PASSWORD})
 * @param keyStoreType       {@code PKCS12} (default) or {@code JKS}
 */
@ConfigurationProperties("edge.tls")
public record TlsProperties(String certificate, String privateKey, String privateKeyPassword, String keyStore,
                            String keyStorePassword, @DefaultValue("PKCS12") String keyStoreType) {

    public TlsProperties {
        certificate = blankToNull(certificate);
        privateKey = blankToNull(privateKey);
        privateKeyPassword = blankToNull(privateKeyPassword);
        keyStore = blankToNull(keyStore);
        keyStorePassword = blankToNull(keyStorePassword);
        if ((certificate == null) != (privateKey == null)) {
            throw new IllegalArgumentException("edge.tls: set both certificate (EDGE_TLS_CERTIFICATE) and "
                    + "private-key (EDGE_TLS_PRIVATE_KEY), or neither");
        }
        if (certificate != null && keyStore != null) {
            throw new IllegalArgumentException("edge.tls: set either a PEM certificate and key or a key store "
                    + "(EDGE_TLS_KEYSTORE), not both");
        }
        for (String file : new String[] {certificate, privateKey, keyStore}) {
            if (file != null && !Files.isReadable(Path.of(file))) {
                throw new IllegalArgumentException("edge.tls: cannot read " + file);
            }
        }
    }

    /** Whether the gateway serves HTTPS. */
    public boolean enabled() {
        return certificate != null || keyStore != null;
    }

    /** The server's key material as a Boot SSL bundle; null when TLS is off. */
    public SslBundle bundle() {
        if (certificate != null) {
            PemSslStoreDetails pem = PemSslStoreDetails.forCertificate(location(certificate))
                    .withPrivateKey(location(privateKey)).withPrivateKeyPassword(privateKeyPassword);
            return SslBundle.of(new PemSslStoreBundle(pem, null));
        }
        if (keyStore != null) {
            JksSslStoreDetails store = new JksSslStoreDetails(keyStoreType, null, location(keyStore),
                    keyStorePassword);
            return SslBundle.of(new JksSslStoreBundle(store, null), SslBundleKey.of(keyStorePassword));
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String location(String file) {
        return Path.of(file).toAbsolutePath().toUri().toString();
    }
}
