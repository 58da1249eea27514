package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.server.Json;

/**
 * A {@link TestServer} without cameras for the security ITs, with a plain
 * HTTP client: log in, send with headers, read JSON.
 */
final class SecuredServer implements AutoCloseable {
    private final TestServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SecuredServer(TestServer server) {
        this.server = server;
    }

    static SecuredServer start(Map<String, String> extra) throws Exception {
        Map<String, String> flags = new HashMap<>(Map.of("session.max-failed-logins", "1000"));
        flags.putAll(extra);
        return new SecuredServer(TestServer.start(Files.createTempDirectory("vms-security-it"), flags, null));
    }

    VmsApplication app() {
        return server.app();
    }

    /** Logs in and returns the JSON answer (token, csrfToken, user); fails the test on anything but 200. */
    JsonNode login(String username, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/api/session", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + username + " gave " + r.statusCode() + ": " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    String token(String username, String password) throws Exception {
        return login(username, password).get("token").asText();
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app().port() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with {@code Authorization: Bearer token}. */
    HttpResponse<String> bearer(String token, String method, String path, String body) throws Exception {
        return send(method, path, body, "Authorization", "Bearer " + token);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
