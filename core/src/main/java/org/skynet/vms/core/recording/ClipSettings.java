package org.skynet.vms.core.recording;

import java.nio.file.Path;
import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.clips.ClipConfig;

/**
 * How event clips are recorded and kept (config keys in {@code docs/recording.md#event-clips}).
 *
 * @param root             where clip files go ({@code recorder.clips.root}, default {@code <data>/clips});
 *                         apart from the segment root, so segment retention never walks over clips
 * @param preRoll          {@code recorder.clips.pre-roll-seconds}, default 10
 * @param postRoll         {@code recorder.clips.post-roll-seconds}, default 20
 * @param maxClip          {@code recorder.clips.max-clip-seconds}, default 300
 * @param preRollMaxBytes  {@code recorder.clips.pre-roll-max-mib}, default 16 (MiB per camera)
 * @param maxAge           unlocked clips older than this are deleted ({@code recorder.clips.max-age-days}, 30)
 * @param sweepInterval    how often retention runs ({@code recorder.clips.sweep-minutes}, 60)
 * @param onAlarm          a monitor alarm raised for a recorded camera triggers a clip
 *                         ({@code recorder.clips.on-alarm}, default false)
 */
public record ClipSettings(Path root, Duration preRoll, Duration postRoll, Duration maxClip, long preRollMaxBytes,
        Duration maxAge, Duration sweepInterval, boolean onAlarm) {

    /** Reads the {@code recorder.clips.*} keys. */
    public static ClipSettings from(VmsConfig config, Path dataDir) {
        return new ClipSettings(config.path("recorder.clips.root", dataDir.resolve("clips").toString()),
                seconds(config, "recorder.clips.pre-roll-seconds", 10),
                seconds(config, "recorder.clips.post-roll-seconds", 20),
                seconds(config, "recorder.clips.max-clip-seconds", 300),
                (long) positive(config, "recorder.clips.pre-roll-max-mib", 16) << 20,
                Duration.ofDays(positive(config, "recorder.clips.max-age-days", 30)),
                Duration.ofMinutes(positive(config, "recorder.clips.sweep-minutes", 60)),
                config.bool("recorder.clips.on-alarm", false));
    }

    /** The recorder's clip configuration; {@code fsync} as for segments. */
    public ClipConfig clipConfig(boolean fsync) {
        try {
            return ClipConfig.defaults(root).withRolls(preRoll, postRoll).withMaxClip(maxClip)
                    .withPreRollMaxBytes(preRollMaxBytes).withFsync(fsync);
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid("recorder.clips", e.getMessage());
        }
    }

    private static Duration seconds(VmsConfig config, String key, int defaultValue) {
        return Duration.ofSeconds(positive(config, key, defaultValue));
    }

    private static int positive(VmsConfig config, String key, int defaultValue) {
        int v = config.integer(key, defaultValue);
        if (v < 1) {
            throw VmsException.invalid(key, key + " must be a positive whole number, got " + v);
        }
        return v;
    }
}
