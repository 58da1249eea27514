package org.skynet.vms.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.VmsException;

/** The HTTP server over a real loopback socket: error model, limits, static files, headers. */
class VmsServerIT {
    private static VmsServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    record Echo(String name, int count) {
    }

    @BeforeAll
    static void start() throws Exception {
        ApiRouter router = new ApiRouter(req -> Optional.empty());
        router.post("/api/echo", Access.PUBLIC, req -> ApiResponse.ok(req.jsonBody(Echo.class)));
        router.get("/api/boom", Access.PUBLIC, req -> {
            throw new IllegalStateException("secret internal detail SELECT * FROM users");
        });
        router.get("/api/invalid", Access.PUBLIC, req -> {
            throw VmsException.invalid("lat", "lat must be between -90 and 90");
        });
        router.get("/api/private", Access.ANY_USER, req -> ApiResponse.ok(Map.of()));
        server = VmsServer.start(new HttpSettings("127.0.0.1", 0, 1024, 8 * 1024, 4096, 30, 2), router);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void echoesValidJson() throws Exception {
        HttpResponse<String> r = post("/api/echo", "{\"name\":\"a\",\"count\":2}");
        assertEquals(200, r.statusCode());
        assertEquals("a", Json.MAPPER.readTree(r.body()).get("name").asText());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    }

    @Test
    void malformedJsonIs400WithPosition() throws Exception {
        HttpResponse<String> r = post("/api/echo", "{\"name\": ");
        assertEquals(400, r.statusCode());
        JsonNode err = Json.MAPPER.readTree(r.body()).get("error");
        assertEquals("INVALID_ARGUMENT", err.get("code").asText());
        assertTrue(err.get("message").asText().contains("line 1"), err.toString());
    }

    @Test
    void wrongFieldTypeNamesTheField() throws Exception {
        HttpResponse<String> r = post("/api/echo", "{\"name\":\"a\",\"count\":\"many\"}");
        assertEquals(400, r.statusCode());
        assertEquals("count", Json.MAPPER.readTree(r.body()).get("error").get("field").asText());
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        HttpResponse<String> r = post("/api/echo", "{\"name\":\"a\",\"count\":1,\"colour\":\"red\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("colour"), r.body());
    }

    @Test
    void validationErrorCarriesField() throws Exception {
        HttpResponse<String> r = get("/api/invalid");
        assertEquals(400, r.statusCode());
        JsonNode err = Json.MAPPER.readTree(r.body()).get("error");
        assertEquals("lat", err.get("field").asText());
    }

    @Test
    void unexpectedExceptionLeaksNothing() throws Exception {
        HttpResponse<String> r = get("/api/boom");
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains("SELECT"), r.body());
        assertFalse(r.body().contains("IllegalStateException"), r.body());
        assertEquals("INTERNAL", Json.MAPPER.readTree(r.body()).get("error").get("code").asText());
    }

    @Test
    void unknownRouteIs404Json() throws Exception {
        HttpResponse<String> r = get("/api/nope");
        assertEquals(404, r.statusCode());
        assertEquals("NOT_FOUND", Json.MAPPER.readTree(r.body()).get("error").get("code").asText());
    }

    @Test
    void protectedRouteWithoutSessionIs401() throws Exception {
        HttpResponse<String> r = get("/api/private");
        assertEquals(401, r.statusCode());
        assertEquals("UNAUTHENTICATED", Json.MAPPER.readTree(r.body()).get("error").get("code").asText());
    }

    @Test
    void oversizedBodyIs413Json() throws Exception {
        HttpResponse<String> r = post("/api/echo", "{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}");
        assertEquals(413, r.statusCode());
        assertEquals("LIMIT_EXCEEDED", Json.MAPPER.readTree(r.body()).get("error").get("code").asText());
    }

    // Regression: closing the connection while the client was still sending reset it, and the client
    // sometimes lost the 413 ("header parser received no bytes").
    @Test
    void muchLargerBodyStillGets413EveryTime() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(2_000_000) + "\",\"count\":1}";
        for (int i = 0; i < 10; i++) {
            assertEquals(413, post("/api/echo", huge).statusCode());
        }
    }

    @Test
    void everyResponseHasSecurityHeaders() throws Exception {
        HttpResponse<String> r = get("/api/nope");
        assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(null));
        assertEquals("DENY", r.headers().firstValue("x-frame-options").orElse(null));
        assertTrue(r.headers().firstValue("content-security-policy").orElse("").contains("script-src 'self'"));
    }

    @Test
    void staticPathTraversalIsRefused() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 404"), reply);
            assertFalse(reply.contains("root:"), reply);
        }
    }

    @Test
    void garbageRequestLineGets400NotAHang() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /api/" + "a".repeat(10_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 4"), reply);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
