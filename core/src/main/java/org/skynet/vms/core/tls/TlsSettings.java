package org.skynet.vms.core.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Whether and how the server speaks TLS.
 *
 * @param cert         PEM certificate chain, server certificate first (config {@code tls.cert})
 * @param key          PEM private key in PKCS#8, unencrypted (config {@code tls.key})
 * @param redirectPort a plain-HTTP port that answers 301 to HTTPS (config {@code tls.http-redirect-port}), or 0 for none
 */
public record TlsSettings(Path cert, Path key, int redirectPort) {

    /** The TLS settings of a configuration; empty when neither {@code tls.cert} nor {@code tls.key} is set. */
    public static Optional<TlsSettings> from(VmsConfig config) {
        String cert = config.string("tls.cert", null);
        String key = config.string("tls.key", null);
        int redirect = config.integer("tls.http-redirect-port", 0);
        if (cert == null && key == null) {
            if (redirect != 0) {
                throw VmsException.invalid("tls.http-redirect-port", "an HTTP redirect port needs TLS: set tls.cert and tls.key too");
            }
            return Optional.empty();
        }
        if (cert == null || key == null) {
            throw VmsException.invalid(cert == null ? "tls.cert" : "tls.key", "TLS needs both tls.cert and tls.key (PEM files)");
        }
        if (redirect < 0 || redirect > 65_535) {
            throw VmsException.invalid("tls.http-redirect-port", "the redirect port must be 1-65535, got " + redirect);
        }
        return Optional.of(new TlsSettings(Path.of(cert), Path.of(key), redirect));
    }

    /**
     * The server's TLS context on the JDK's TLS implementation (TLS 1.2 and 1.3 as the JDK enables them).
     *
     * @throws VmsException INVALID_ARGUMENT naming {@code tls.cert} or {@code tls.key} when a file is missing or unreadable
     */
    public SslContext context() {
        requireFile("tls.cert", cert);
        requireFile("tls.key", key);
        try {
            return SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot use the TLS certificate " + cert + " and key " + key
                    + " (PEM, key in unencrypted PKCS#8): " + e.getMessage(), "tls.key", e);
        }
    }

    private static void requireFile(String field, Path file) {
        if (!Files.isReadable(file)) {
            throw VmsException.invalid(field, field + " file " + file + " does not exist or cannot be read");
        }
    }
}
