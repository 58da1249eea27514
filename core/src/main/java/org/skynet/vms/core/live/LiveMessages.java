package org.skynet.vms.core.live;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.core.server.Json;

/**
 * The text messages of a live connection (binary messages are fMP4: an init segment, then fragments):
 * {@code {"type":"codec","codec":"avc1.64001f","width":1920,"height":1080}} before every init segment,
 * so the browser can ask {@code MediaSource.isTypeSupported}, and
 * {@code {"type":"state","state":"connecting"|"reconnecting"|"live"}} while the camera's stream is
 * being opened, when it breaks and when it resumes.
 */
final class LiveMessages {
    static final String CONNECTING = "connecting";
    static final String RECONNECTING = "reconnecting";
    static final String LIVE = "live";

    private LiveMessages() {
    }

    static String codec(VideoParameters p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "codec");
        m.put("codec", p.rfc6381Codec());
        m.put("width", p.width());
        m.put("height", p.height());
        return new String(Json.write(m), StandardCharsets.UTF_8);
    }

    static String state(String state) {
        return "{\"type\":\"state\",\"state\":\"" + state + "\"}";
    }
}
