package org.skynet.vms.adapters.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an H.264 or H.265 Annex-B elementary stream (a {@code .h264} / {@code .h265} file, NAL units
 * behind {@code 00 00 01} or {@code 00 00 00 01} start codes) into {@link AccessUnit}s, e.g. for the
 * camera simulator to replay through a packetizer, or for tests.
 *
 * <p>Access unit boundaries follow H.264 §7.4.1.2.3 and H.265 §7.4.2.4.4 (delimiters, parameter sets,
 * prefix SEI, first slice of a picture). Units come out in decode order with {@code pts90k = index ×
 * frame duration} (from the SPS timing, else the given default) and no wall clock: this is right for
 * streams without B-frames, which is what cameras send and what the test clips are made with.
 * Units before the first complete parameter sets are skipped. Whole-file, in memory: at most
 * {@link #MAX_STREAM_BYTES}. Stateless and thread-safe.
 */
public final class AnnexBReader {
    /** Largest stream {@link #read} accepts, in bytes. */
    public static final int MAX_STREAM_BYTES = 256 << 20;
    /** Largest access unit accepted, in bytes including length prefixes. */
    public static final int MAX_ACCESS_UNIT_BYTES = 8 << 20;

    private AnnexBReader() {
    }

    /** Reads a whole file; see {@link #read(byte[], NalSyntax, long)}. */
    public static List<AccessUnit> read(Path file, NalSyntax syntax, long defaultFrameDuration90k) throws IOException {
        if (Files.size(file) > MAX_STREAM_BYTES) {
            throw new BitstreamException(file + " is larger than " + MAX_STREAM_BYTES + " bytes");
        }
        return read(Files.readAllBytes(file), syntax, defaultFrameDuration90k);
    }

    /**
     * Splits a stream into access units.
     *
     * @param stream                  the Annex-B bytes
     * @param syntax                  the codec, e.g. {@code H264Syntax.INSTANCE}
     * @param defaultFrameDuration90k frame duration in 90 kHz units when the SPS has no timing (3600 = 25 fps)
     * @throws BitstreamException when there are no start codes, an access unit is over the limit, or
     *                            parameter sets do not parse
     */
    public static List<AccessUnit> read(byte[] stream, NalSyntax syntax, long defaultFrameDuration90k) {
        if (stream.length > MAX_STREAM_BYTES) {
            throw new BitstreamException("stream is larger than " + MAX_STREAM_BYTES + " bytes");
        }
        List<int[]> nals = nalUnits(stream);
        if (nals.isEmpty()) {
            throw new BitstreamException("no Annex-B start code found");
        }
        Builder b = new Builder(stream, syntax, defaultFrameDuration90k);
        for (int[] nal : nals) {
            if (nal[1] < syntax.headerBytes()) {
                continue;
            }
            if (b.hasSlice && syntax.startsAccessUnit(stream, nal[0], nal[1])) {
                b.flush();
            }
            b.add(nal[0], nal[1]);
        }
        b.flush();
        return b.out;
    }

    /**
     * Finds the NAL units of a stream.
     *
     * @return {offset, length} of each NAL unit, start codes and trailing zero bytes excluded
     */
    public static List<int[]> nalUnits(byte[] s) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < s.length) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                if (start >= 0) {
                    out.add(new int[] {start, trimZeros(s, start, i) - start});
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            out.add(new int[] {start, trimZeros(s, start, s.length) - start});
        }
        return out;
    }

    private static int trimZeros(byte[] s, int start, int end) {
        while (end > start && s[end - 1] == 0) {
            end--;
        }
        return end;
    }

    /** Accumulates the NAL units of one access unit. */
    private static final class Builder {
        private final byte[] stream;
        private final NalSyntax syntax;
        private final long defaultFrameDuration90k;
        private final ParameterSetTracker parameterSets;
        private final List<AccessUnit> out = new ArrayList<>();
        private final List<int[]> current = new ArrayList<>();
        private int bytes;
        private boolean hasSlice;
        private long frameDuration90k;

        Builder(byte[] stream, NalSyntax syntax, long defaultFrameDuration90k) {
            this.stream = stream;
            this.syntax = syntax;
            this.defaultFrameDuration90k = defaultFrameDuration90k;
            this.parameterSets = new ParameterSetTracker(syntax);
        }

        void add(int off, int len) {
            bytes += AccessUnit.LENGTH_PREFIX_BYTES + len;
            if (bytes > MAX_ACCESS_UNIT_BYTES) {
                throw new BitstreamException("access unit " + out.size() + " is larger than " + MAX_ACCESS_UNIT_BYTES
                        + " bytes");
            }
            current.add(new int[] {off, len});
            hasSlice |= syntax.isVcl(syntax.nalType(stream, off));
        }

        void flush() {
            if (current.isEmpty()) {
                return;
            }
            byte[] data = new byte[bytes];
            boolean keyframe = false;
            int pos = 0;
            for (int[] nal : current) {
                NalKind kind = syntax.kind(syntax.nalType(stream, nal[0]));
                keyframe |= kind == NalKind.KEYFRAME_SLICE;
                parameterSets.observe(kind, stream, nal[0], nal[1]);
                int len = nal[1];
                data[pos] = (byte) (len >>> 24);
                data[pos + 1] = (byte) (len >>> 16);
                data[pos + 2] = (byte) (len >>> 8);
                data[pos + 3] = (byte) len;
                System.arraycopy(stream, nal[0], data, pos + AccessUnit.LENGTH_PREFIX_BYTES, len);
                pos += AccessUnit.LENGTH_PREFIX_BYTES + len;
            }
            boolean changed = parameterSets.commit();
            VideoParameters params = parameterSets.current();
            if (params != null) {
                if (out.isEmpty()) {
                    frameDuration90k = params.frameDuration90k(defaultFrameDuration90k);
                }
                out.add(new AccessUnit(syntax.codec(), out.size() * frameDuration90k, null, keyframe, data, params,
                        changed || out.isEmpty(), false));
            }
            current.clear();
            bytes = 0;
            hasSlice = false;
        }
    }
}
