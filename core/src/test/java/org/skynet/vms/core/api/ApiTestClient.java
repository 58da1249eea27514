package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.skynet.vms.core.server.Json;

/**
 * The API of a server under test on 127.0.0.1, as integration tests call it: sign in as a demo user
 * (password = user name) and send JSON requests with a bearer token.
 */
public final class ApiTestClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    /** @param port the server's port, read at each request (the server may start after this client) */
    public ApiTestClient(IntSupplier port) {
        this.port = port;
    }

    /** Signs in as a demo user and returns the bearer token; fails the test unless the answer is 200. */
    public String login(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/session", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    /** Sends a request with an optional JSON body and an optional bearer token. */
    public HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        return send(method, path, token, body, "application/json");
    }

    /** A GET whose answer is kept as bytes (images, media), with an optional bearer token. */
    public HttpResponse<byte[]> getBytes(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a request with an optional body of the given content type and an optional bearer token. */
    public HttpResponse<String> send(String method, String path, String token, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.getAsInt() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
