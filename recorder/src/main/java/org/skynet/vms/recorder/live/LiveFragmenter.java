package org.skynet.vms.recorder.live;

import java.util.Arrays;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.recorder.fmp4.BoxWriter;
import org.skynet.vms.recorder.fmp4.FragmentSamples;
import org.skynet.vms.recorder.fmp4.FragmentWriter;
import org.skynet.vms.recorder.fmp4.InitSegmentWriter;

/**
 * Muxes one camera's live units into fMP4 for every viewer at once: {@link #init} for the parameters,
 * {@link #next} one {@code moof}+{@code mdat} per unit as it arrives (sent at once: no waiting for the
 * next unit to learn the duration, which is estimated from the previous interval or the frame rate).
 * Decode time is the unit's 90 kHz timestamp plus a shift fixed at the first unit after
 * {@link #streamEnded}, so the timeline continues without a jump over a reconnect. {@link #replay}
 * re-muxes units already passed to {@link #next} (a new viewer's group of pictures) with the same decode
 * times and sequence numbers. Not thread-safe.
 */
public final class LiveFragmenter {
    /** Duration of a frame when neither an interval nor the SPS frame rate says: 25 fps. */
    public static final long DEFAULT_FRAME_90K = 3600;
    /** A frame interval above this (a stall inside one connection) is not used as an estimate. */
    private static final long MAX_ESTIMATE_90K = 90_000;

    private final BoxWriter box = new BoxWriter(256 * 1024);
    private final FragmentSamples samples = new FragmentSamples();
    private boolean reset = true;
    private long shift;
    private long lastEnd;
    private long lastPts;
    private long estimate = DEFAULT_FRAME_90K;
    private int sequence;

    /** The init segment ({@code ftyp}+{@code moov}) for these parameters. */
    public byte[] init(VideoParameters parameters) {
        box.clear();
        InitSegmentWriter.write(box, parameters);
        return box.toByteArray();
    }

    /** The fragment of the next live unit. */
    public byte[] next(AccessUnit unit) {
        if (reset) {
            shift = lastEnd - unit.pts90k();
            reset = false;
            estimate = unit.parameters() == null ? DEFAULT_FRAME_90K
                    : unit.parameters().frameDuration90k(DEFAULT_FRAME_90K);
        } else {
            long interval = unit.pts90k() - lastPts;
            if (interval > 0 && interval <= MAX_ESTIMATE_90K) {
                estimate = interval;
            }
        }
        lastPts = unit.pts90k();
        sequence++;
        byte[] out = write(sequence, unit, unit.pts90k() + estimate);
        lastEnd = unit.pts90k() + shift + estimate;
        return out;
    }

    /**
     * Fragments of units already given to {@link #next}, the last of them being the latest: each lasts
     * until the next one's timestamp, the last one by the current estimate.
     */
    public List<byte[]> replay(List<AccessUnit> units) {
        byte[][] out = new byte[units.size()][];
        for (int i = 0; i < out.length; i++) {
            AccessUnit u = units.get(i);
            long end = i + 1 < out.length ? units.get(i + 1).pts90k() : u.pts90k() + estimate;
            if (end <= u.pts90k()) {
                end = u.pts90k() + estimate;
            }
            out[i] = write(sequence - (out.length - 1 - i), u, end);
        }
        return Arrays.asList(out);
    }

    /**
     * The decode time (90 kHz, the init segment's timescale) of the fragment of a unit already given to
     * {@link #next} since the last {@link #streamEnded}: what the browser's {@code currentTime} counts.
     */
    public long decodeTime90k(AccessUnit unit) {
        return Math.max(0, unit.pts90k() + shift);
    }

    /** The stream broke: the next unit continues the timeline where the last one ended. */
    public void streamEnded() {
        reset = true;
    }

    private byte[] write(int seq, AccessUnit unit, long endPts90k) {
        box.clear();
        samples.clear();
        samples.add(unit);
        FragmentWriter.write(box, Math.max(1, seq), decodeTime90k(unit), samples, endPts90k);
        samples.clear();
        return box.toByteArray();
    }
}
