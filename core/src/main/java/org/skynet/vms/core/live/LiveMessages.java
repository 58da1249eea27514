package org.skynet.vms.core.live;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.media.WallClockSource;
import org.skynet.vms.core.server.Json;

/**
 * The text messages of a live connection (binary messages are fMP4: an init segment, then fragments):
 * {@code {"type":"codec","codec":"avc1.64001f","width":1920,"height":1080}} before every init segment,
 * so the browser can ask {@code MediaSource.isTypeSupported}, and
 * {@code {"type":"state","state":"connecting"|"reconnecting"|"live"}} while the camera's stream is
 * being opened, when it breaks and when it resumes, and
 * {@code {"type":"time","decodeTime90k":900000,"wall":"2026-11-26T07:01:12.345Z","source":"camera"|"server"}}
 * before a fragment: the wall-clock instant of that decode time (the init segment's 90 kHz timescale), from
 * the camera's RTCP sender reports or, without them, from the stream's arrival at our ingest.
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

    static String time(long decodeTime90k, Instant wall, WallClockSource source) {
        return "{\"type\":\"time\",\"decodeTime90k\":" + decodeTime90k + ",\"wall\":\""
                + wall.truncatedTo(ChronoUnit.MILLIS) + "\",\"source\":\"" + source.name().toLowerCase(Locale.ROOT)
                + "\"}";
    }

    static String state(String state) {
        return "{\"type\":\"state\",\"state\":\"" + state + "\"}";
    }
}
