package org.skynet.vms.recorder.segment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SegmentWriter} cuts fragments and files; see {@code docs/design/recording-storage.md}.
 *
 * @param storageRoot       directory holding {@code <camera>/<yyyy-MM-dd>/} directories
 * @param fragmentTarget    a fragment is cut at the first keyframe once it holds at least this much (1 s)
 * @param maxFragment       a fragment is cut without a keyframe once it holds this much (5 s)
 * @param maxFragmentBytes  ... or this many bytes (32 MiB); bounds the pending samples per stream
 * @param segmentTarget     a file is closed at the first keyframe once it holds this much (60 s)
 * @param fsync             force each fragment (and each new directory entry) to disk before reporting it
 *                          (off by default: a crash or {@code kill -9} of the recorder loses no written
 *                          fragment either way, the page cache outlives the process; a closed file is
 *                          always forced; fsync on bounds what a power cut loses to the fragment in flight)
 * @param maxFrameGap       a larger step between consecutive timestamps is a gap (2 s)
 * @param maxClockJump      a larger disagreement between wall and media time since the file start is a gap (1 s)
 * @param stallTimeout      no access unit for this long, by our clock, is a stall (5 s)
 */
public record SegmentConfig(Path storageRoot, Duration fragmentTarget, Duration maxFragment, long maxFragmentBytes,
        Duration segmentTarget, boolean fsync, Duration maxFrameGap, Duration maxClockJump, Duration stallTimeout) {

    /** The largest {@code maxFragmentBytes} accepted: fragments are built in one heap buffer. */
    public static final long MAX_FRAGMENT_BYTES_LIMIT = 256L << 20;

    public SegmentConfig {
        Objects.requireNonNull(storageRoot, "storageRoot");
        positive("fragmentTarget", fragmentTarget);
        positive("maxFragment", maxFragment);
        positive("segmentTarget", segmentTarget);
        positive("maxFrameGap", maxFrameGap);
        positive("maxClockJump", maxClockJump);
        positive("stallTimeout", stallTimeout);
        if (maxFragment.compareTo(fragmentTarget) < 0) {
            throw new IllegalArgumentException("maxFragment " + maxFragment + " < fragmentTarget " + fragmentTarget);
        }
        if (maxFragmentBytes < 1024 || maxFragmentBytes > MAX_FRAGMENT_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxFragmentBytes out of [1 KiB, 256 MiB]: " + maxFragmentBytes);
        }
    }

    /** The documented defaults, storing under {@code storageRoot}. */
    public static SegmentConfig defaults(Path storageRoot) {
        return new SegmentConfig(storageRoot, Duration.ofSeconds(1), Duration.ofSeconds(5), 32L << 20,
                Duration.ofMinutes(1), false, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    public SegmentConfig withSegmentTarget(Duration d) {
        return new SegmentConfig(storageRoot, fragmentTarget, maxFragment, maxFragmentBytes, d, fsync, maxFrameGap,
                maxClockJump, stallTimeout);
    }

    public SegmentConfig withFragmentTarget(Duration target, Duration max) {
        return new SegmentConfig(storageRoot, target, max, maxFragmentBytes, segmentTarget, fsync, maxFrameGap,
                maxClockJump, stallTimeout);
    }

    public SegmentConfig withFsync(boolean on) {
        return new SegmentConfig(storageRoot, fragmentTarget, maxFragment, maxFragmentBytes, segmentTarget, on,
                maxFrameGap, maxClockJump, stallTimeout);
    }

    /** Rounds a duration to 90 kHz ticks. */
    static long ticks90k(Duration d) {
        return d.getSeconds() * 90_000 + d.getNano() * 9L / 100_000;
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
