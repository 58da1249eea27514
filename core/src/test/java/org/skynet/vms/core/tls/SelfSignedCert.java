package org.skynet.vms.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's own {@code keytool} (always present, so no
 * skip), written out as the PEM files the server takes: the certificate and an unencrypted PKCS#8 key.
 */
record SelfSignedCert(Path cert, Path key, KeyStore keyStore) {
    private static final char[] PASSWORD = "test-only".toCharArray();

    static SelfSignedCert create(Path dir) throws Exception {
        Path p12 = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process proc = new ProcessBuilder(keytool, "-genkeypair", "-alias", "vms", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", p12.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD);
        }
        Certificate c = ks.getCertificate("vms");
        PrivateKey k = (PrivateKey) ks.getKey("vms", PASSWORD);
        Path cert = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", c.getEncoded()));
        Path key = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", k.getEncoded()));
        return new SelfSignedCert(cert, key, ks);
    }

    /** A TLS client context that trusts exactly this certificate. */
    SSLContext trustingContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("vms", keyStore.getCertificate("vms"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
