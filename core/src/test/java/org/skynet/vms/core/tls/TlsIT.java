package org.skynet.vms.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.server.SecurityHeaders;
import org.skynet.vms.errors.VmsException;

/** The server over HTTPS and WSS with a self-signed certificate, and the plain-HTTP redirect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private VmsApplication app;
    private HttpClient https;
    private int redirectPort;
    private SelfSignedCert cert;

    @BeforeAll
    void start() throws Exception {
        Path dir = Files.createTempDirectory("vms-tls-it");
        cert = SelfSignedCert.create(dir);
        try (ServerSocket probe = new ServerSocket(0)) {
            redirectPort = probe.getLocalPort();
        }
        Map<String, String> flags = new HashMap<>(Map.of("port", "0", "data", dir.resolve("data").toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "tls.cert", cert.cert().toString(), "tls.key", cert.key().toString(),
                "tls.http-redirect-port", Integer.toString(redirectPort)));
        app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO, Clock.systemUTC());
        https = HttpClient.newBuilder().sslContext(cert.trustingContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private URI uri(String scheme, int port, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    @Test
    void httpsAnswersWithHstsAndASecureCookie() throws Exception {
        assertTrue(app.tls());
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(uri("https", app.port(), "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertEquals("max-age=31536000", health.headers().firstValue("strict-transport-security").orElse(null));

        HttpResponse<String> login = https.send(HttpRequest.newBuilder(uri("https", app.port(), "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("set-cookie").orElseThrow().contains("; Secure"));
    }

    @Test
    void hstsIsOnlyForTls() {
        HttpHeaders plain = new DefaultHttpHeaders();
        SecurityHeaders.apply(plain, false);
        assertFalse(plain.contains("Strict-Transport-Security"));
    }

    @Test
    void clientsThatDoNotTrustTheCertificateAreRefused() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(uri("https", app.port(), "/api/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void plainHttpPortRedirectsToHttps() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("http", redirectPort, "/console/?x=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(301, r.statusCode());
        assertEquals("https://127.0.0.1:" + app.port() + "/console/?x=1", r.headers().firstValue("location").orElse(null));
    }

    @Test
    void eventWebSocketWorksOverWss() throws Exception {
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(uri("https", app.port(), "/api/session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"operator\",\"password\":\"operator\"}"))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        String token = Json.MAPPER.readTree(login.body()).get("token").asText();
        WebSocket ws = https.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(uri("wss", app.port(), "/api/events"), new WebSocket.Listener() { })
                .get(10, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @Test
    void missingOrHalfConfiguredTlsIsRefusedNamingTheKey() {
        VmsException half = assertThrows(VmsException.class,
                () -> TlsSettings.from(VmsConfig.ofFlags(Map.of("tls.cert", cert.cert().toString()))));
        assertEquals("tls.key", half.field());
        VmsException missing = assertThrows(VmsException.class,
                () -> new TlsSettings(Path.of("/nonexistent.pem"), cert.key(), 0).context());
        assertEquals("tls.cert", missing.field());
        VmsException garbage = assertThrows(VmsException.class, () -> new TlsSettings(cert.cert(), cert.cert(), 0).context());
        assertEquals("tls.key", garbage.field());
    }
}
