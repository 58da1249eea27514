package org.skynet.vms.core.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an API handler answers: a status, a content type, a fully built body and extra headers.
 * Bodies are small (JSON, CSV pages); large media responses use their own streaming path.
 */
public record ApiResponse(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public static ApiResponse json(HttpResponseStatus status, Object value) {
        return new ApiResponse(status, JSON, Json.write(value), Map.of());
    }

    public static ApiResponse ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    public static ApiResponse created(Object value) {
        return json(HttpResponseStatus.CREATED, value);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, new byte[0], Map.of());
    }

    public static ApiResponse text(HttpResponseStatus status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A copy with one more header (e.g. Set-Cookie, Content-Disposition). */
    public ApiResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiResponse(status, contentType, body, Map.copyOf(h));
    }
}
