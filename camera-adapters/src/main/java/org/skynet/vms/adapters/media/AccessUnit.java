package org.skynet.vms.adapters.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One coded picture with all its NAL units: what a depacketizer emits and what a packetizer and an
 * fMP4 writer consume.
 *
 * <p>{@link #data()} is sample data as an fMP4 ({@code avc1}/{@code hvc1}) writer wants it: every NAL
 * unit (header included, no start code, emulation prevention kept) preceded by its size as a 4-byte
 * big-endian integer. NAL units are kept in the order received, so in-band parameter sets, SEI and
 * access unit delimiters stay in the sample; {@link #parameters()} gives the parameter sets that apply
 * for the sample entry. The array is owned by this record: do not modify it.
 *
 * <p>Two kinds of time, kept apart: {@code pts90k} is media time from the RTP timestamp, extended from
 * 32 to 64 bits (90 kHz units, monotonic modulo B-frames, starting near the camera's first
 * timestamp); {@code wallClock} is the wall-clock instant of that timestamp, from an RTCP sender
 * report or, before one arrives, from our packet arrival time ({@code wallClockSource} says which). It
 * is {@code null} when not anchored.
 *
 * @param codec             the codec
 * @param pts90k            presentation time in 90 kHz units (extended RTP timestamp)
 * @param wallClock         wall-clock instant of {@code pts90k}, or {@code null} when not anchored
 * @param keyframe          whether this is a random access point (H.264 IDR, H.265 IRAP)
 * @param data              length-prefixed NAL units (4-byte big-endian lengths)
 * @param parameters        parameter sets in force for this picture; never {@code null} from a depacketizer
 * @param parametersChanged whether {@code parameters} differ from the previous emitted unit's (true on the first)
 * @param discontinuity     whether pictures were lost or dropped between the previous emitted unit and this one
 * @param wallClockSource   whose clock {@code wallClock} is; {@code null} exactly when {@code wallClock} is
 */
public record AccessUnit(Codec codec, long pts90k, Instant wallClock, boolean keyframe, byte[] data,
        VideoParameters parameters, boolean parametersChanged, boolean discontinuity,
        WallClockSource wallClockSource) {

    /** Bytes of the big-endian length prefix in front of each NAL unit in {@link #data()}. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    public AccessUnit {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(data, "data");
        if ((wallClock == null) != (wallClockSource == null)) {
            throw new IllegalArgumentException("wallClock " + wallClock + " with source " + wallClockSource);
        }
    }

    /** A unit whose wall clock, if any, is ours ({@link WallClockSource#SERVER}): files, simulators, tests. */
    public AccessUnit(Codec codec, long pts90k, Instant wallClock, boolean keyframe, byte[] data,
            VideoParameters parameters, boolean parametersChanged, boolean discontinuity) {
        this(codec, pts90k, wallClock, keyframe, data, parameters, parametersChanged, discontinuity,
                wallClock == null ? null : WallClockSource.SERVER);
    }

    /** Size of {@link #data()} in bytes. */
    public int sizeBytes() {
        return data.length;
    }

    /** The NAL units as read-only views into {@link #data()} (no length prefixes). */
    public List<ByteBuffer> nalUnits() {
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer all = ByteBuffer.wrap(data).asReadOnlyBuffer();
        int pos = 0;
        while (pos + LENGTH_PREFIX_BYTES <= data.length) {
            int len = all.getInt(pos);
            pos += LENGTH_PREFIX_BYTES;
            if (len < 0 || len > data.length - pos) {
                throw new BitstreamException("access unit NAL length " + len + " at offset " + (pos - 4)
                        + " exceeds the " + data.length + "-byte sample");
            }
            out.add(all.slice(pos, len));
            pos += len;
        }
        return out;
    }

    /** The same NAL units as an Annex-B byte stream (4-byte start codes), e.g. to feed ffmpeg. */
    public byte[] toAnnexB() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        for (ByteBuffer nal : nalUnits()) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            byte[] b = new byte[nal.remaining()];
            nal.get(b);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** A copy with different timing, wall clock by ours; used by replaying simulators. */
    public AccessUnit withTiming(long newPts90k, Instant newWallClock) {
        return new AccessUnit(codec, newPts90k, newWallClock, keyframe, data, parameters, parametersChanged,
                discontinuity);
    }

    /** Value equality, comparing {@link #data()} by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AccessUnit a && codec == a.codec && pts90k == a.pts90k && keyframe == a.keyframe
                && parametersChanged == a.parametersChanged && discontinuity == a.discontinuity
                && Objects.equals(wallClock, a.wallClock) && wallClockSource == a.wallClockSource
                && Arrays.equals(data, a.data)
                && Objects.equals(parameters, a.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, pts90k, keyframe, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "AccessUnit[" + codec + " pts90k=" + pts90k + " wall=" + wallClock + (wallClockSource == WallClockSource.CAMERA ? " (camera)" : "") + (keyframe ? " key" : "")
                + " " + data.length + "B" + (parametersChanged ? " params-changed" : "")
                + (discontinuity ? " discontinuity" : "") + "]";
    }
}
