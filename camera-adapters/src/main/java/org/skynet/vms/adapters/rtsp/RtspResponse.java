package org.skynet.vms.adapters.rtsp;

import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RTSP response, copied out of Netty's buffers so it can outlive the channel and cross threads.
 *
 * @param statusCode   e.g. 200
 * @param reasonPhrase e.g. {@code OK}
 * @param headers      header values by lower-case name, in arrival order
 * @param body         the body decoded as UTF-8 (an SDP for DESCRIBE), empty when none
 */
public record RtspResponse(int statusCode, String reasonPhrase, Map<String, List<String>> headers, String body) {

    public RtspResponse {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = Collections.unmodifiableMap(copy);
    }

    /** A copy of a Netty response; does not release it. */
    static RtspResponse of(FullHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : response.headers()) {
            headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue());
        }
        return new RtspResponse(response.status().code(), response.status().reasonPhrase(), headers,
                response.content().toString(StandardCharsets.UTF_8));
    }

    /** The first value of a header (name case-insensitive), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header (name case-insensitive), possibly none. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The methods from a {@code Public} header (OPTIONS), upper case; empty when absent. */
    public List<String> publicMethods() {
        List<String> out = new ArrayList<>();
        for (String value : headers("Public")) {
            for (String m : value.split(",")) {
                if (!m.isBlank()) {
                    out.add(m.trim().toUpperCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    /** e.g. {@code RTSP/1.0 200 OK}, for messages. */
    public String statusLine() {
        return "RTSP/1.0 " + statusCode + " " + reasonPhrase;
    }
}
