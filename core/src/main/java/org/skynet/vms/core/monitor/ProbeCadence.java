package org.skynet.vms.core.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which probes of a camera include a deeper, dearer check (an RTSP DESCRIBE, an ONVIF clock check): the
 * first probe, the one after any probe that was not OK, and one in every {@code every} probes in between.
 * Where in its cycle of {@code every} a camera takes the check is its own phase, from a hash of its id and a
 * salt per kind of check: cameras first probed in the same sweep do not all take the check in the same later
 * sweep (which made every fifth sweep of the city twice as dear and twice as long), and two kinds of check
 * with different salts seldom fall on the same probe of a camera.
 *
 * <p>Thread-safe: {@link #due} is asked when a probe starts, {@link #completed} told on any thread when it ends.
 */
final class ProbeCadence {
    /** Probes since the last check, 1..every; absent (0) when the next probe must check. */
    private final Map<String, Integer> count = new ConcurrentHashMap<>();
    private final int every;
    private final long salt;

    /** @param every a check every this many probes (1 = every probe); @param salt tells kinds of check apart */
    ProbeCadence(int every, long salt) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1");
        }
        this.every = every;
        this.salt = salt;
    }

    /** Whether the camera's next probe takes the check. */
    boolean due(String cameraId) {
        int c = count.getOrDefault(cameraId, 0);
        return c == 0 || c % every == phase(cameraId);
    }

    /** A probe of the camera ended; a probe that was not OK makes the next one check. */
    void completed(String cameraId, boolean ok) {
        if (ok) {
            count.merge(cameraId, 1, (c, one) -> c % every + one);
        } else {
            count.remove(cameraId);
        }
    }

    /** The camera's place in the cycle, 0..every-1, spread evenly over ids. */
    int phase(String cameraId) {
        return (int) Math.floorMod((cameraId.hashCode() ^ salt) * 0x9E3779B97F4A7C15L >>> 32, every);
    }
}
