package org.skynet.vms.adapters.rtsp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request as the session code asks for it. The session handler adds {@code CSeq},
 * {@code User-Agent}, {@code Session} and {@code Authorization}.
 *
 * @param method  the RTSP method, upper case, e.g. {@code SETUP}
 * @param url     the request URL, without credentials, or {@code *}
 * @param headers further headers, e.g. {@code Transport} or {@code Accept}
 */
public record RtspRequest(String method, String url, Map<String, String> headers) {

    public RtspRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }

    /** A request with no extra headers. */
    public static RtspRequest of(String method, String url) {
        return new RtspRequest(method, url, Map.of());
    }

    /** This request with one more header. */
    public RtspRequest with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new RtspRequest(method, url, more);
    }
}
