package org.skynet.vms.adapters.rtsp;

import java.time.Duration;
import java.util.Objects;

/**
 * The time limits of one RTSP source. Every wait has one, so a camera that stops talking turns into
 * a {@code TIMEOUT} error instead of a hung future.
 *
 * @param connect  TCP connect
 * @param response each request until its response has arrived in full (covers slow or endless headers)
 * @param noData   while playing, the longest gap without any RTP or RTCP data before the stream fails
 */
public record RtspTimeouts(Duration connect, Duration response, Duration noData) {

    /** 5 s to connect, 10 s per response, 10 s without data. */
    public static final RtspTimeouts DEFAULT = new RtspTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    public RtspTimeouts {
        requirePositive(connect, "connect");
        requirePositive(response, "response");
        requirePositive(noData, "noData");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " timeout must be positive: " + d);
        }
    }
}
