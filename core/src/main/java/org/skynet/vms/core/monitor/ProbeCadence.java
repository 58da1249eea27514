package org.skynet.vms.core.monitor;

/**
 * Which probes of a camera include a deeper, dearer check (an RTSP DESCRIBE, an ONVIF clock check): the
 * first probe, the one after any probe that was not OK, and one in every {@code every} probes in between.
 * Where in its cycle of {@code every} a camera takes the check is its own phase, from a hash of its id and a
 * salt per kind of check: cameras first probed in the same sweep do not all take the check in the same later
 * sweep (which made every fifth sweep of the city twice as dear and twice as long), and two kinds of check
 * with different salts seldom fall on the same probe of a camera.
 *
 * <p>Keeps nothing per camera: the count of probes in a row that were OK comes with each probe
 * ({@link ProbeScheduler} keeps it beside the camera's due time), so a probe costs no look-up in a map of
 * the whole city. Thread-safe.
 */
final class ProbeCadence {
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

    /**
     * Whether this probe of the camera takes the check.
     *
     * @param okInARow probes of the camera in a row before this one that were OK (0: its first probe, or the last
     *                 one was not OK)
     */
    boolean due(String cameraId, int okInARow) {
        return okInARow == 0 || okInARow % every == phase(cameraId);
    }

    /** The camera's place in the cycle, 0..every-1, spread evenly over ids. */
    int phase(String cameraId) {
        return (int) Math.floorMod((cameraId.hashCode() ^ salt) * 0x9E3779B97F4A7C15L >>> 32, every);
    }
}
