package org.skynet.vms.recorder.clips;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.skynet.vms.recorder.segment.SegmentConfig;

/**
 * How event clips are cut (see {@code docs/design/event-clips.md}).
 *
 * @param preRoll         how far before the trigger a clip starts, to the nearest keyframe (10 s)
 * @param postRoll        how long after the (last) trigger a clip goes on (20 s)
 * @param maxClip         the longest one clip file may become by extensions; a clip still wanted after that
 *                        goes on in a new file (5 min)
 * @param preRollMaxBytes the most sample data the pre-roll buffer holds per camera (16 MiB)
 * @param files           how clip files are written: root directory, fragments, fsync; its segment
 *                        target is set above {@code preRoll + maxClip} so a clip is never rotated
 */
public record ClipConfig(Duration preRoll, Duration postRoll, Duration maxClip, long preRollMaxBytes,
        SegmentConfig files) {
    /** The highest frame rate {@link #queueFrames()} is sized for. */
    private static final int MAX_FPS = 60;
    /** Seconds beyond the pre-roll that may wait for a clip's writer: the GOP the buffer holds extra, live video. */
    private static final int SLACK_SECONDS = 10;

    public ClipConfig {
        positive("preRoll", preRoll);
        positive("postRoll", postRoll);
        positive("maxClip", maxClip);
        Objects.requireNonNull(files, "files");
        if (maxClip.compareTo(postRoll) < 0) {
            throw new IllegalArgumentException("maxClip " + maxClip + " < postRoll " + postRoll);
        }
        if (preRollMaxBytes < 1) {
            throw new IllegalArgumentException("preRollMaxBytes must be positive: " + preRollMaxBytes);
        }
        files = files.withSegmentTarget(preRoll.plus(maxClip).plusMinutes(1));
    }

    /**
     * Units that may wait for a clip's writer: the whole pre-roll buffer is queued at once at the
     * trigger, so pre-roll plus 10 s at 60 fps (1200 for the default 10 s).
     */
    public int queueFrames() {
        return (int) Math.min(Integer.MAX_VALUE, (preRoll.toSeconds() + SLACK_SECONDS) * MAX_FPS);
    }

    /** The documented defaults, clip files under {@code root}. */
    public static ClipConfig defaults(Path root) {
        return new ClipConfig(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofMinutes(5), 16L << 20,
                SegmentConfig.defaults(root));
    }

    public ClipConfig withRolls(Duration pre, Duration post) {
        return new ClipConfig(pre, post, maxClip, preRollMaxBytes, files);
    }

    public ClipConfig withMaxClip(Duration max) {
        return new ClipConfig(preRoll, postRoll, max, preRollMaxBytes, files);
    }

    public ClipConfig withPreRollMaxBytes(long max) {
        return new ClipConfig(preRoll, postRoll, maxClip, max, files);
    }

    public ClipConfig withFsync(boolean on) {
        return new ClipConfig(preRoll, postRoll, maxClip, preRollMaxBytes, files.withFsync(on));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
