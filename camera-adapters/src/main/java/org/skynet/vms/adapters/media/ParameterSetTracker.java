package org.skynet.vms.adapters.media;

import java.util.Arrays;

/**
 * Keeps the parameter sets in force for one stream and notices when in-band ones change, without
 * allocating while they stay the same (cameras repeat SPS/PPS before every keyframe).
 *
 * <p>Use per access unit: {@link #observe} each parameter-set NAL unit as it is seen (the bytes must
 * stay untouched until {@link #commit}), then {@link #commit} once the unit is complete, or
 * {@link #discard} to forget what was observed. Keeps one set of each kind (the last seen): cameras
 * use a single SPS/PPS id. Not thread-safe.
 */
public final class ParameterSetTracker {
    private static final int VPS = 0;
    private static final int SPS = 1;
    private static final int PPS = 2;

    private final NalSyntax syntax;
    private final byte[][] committed = new byte[3][];
    private final byte[][] candidateBuf = new byte[3][];
    private final int[] candidateOff = new int[3];
    private final int[] candidateLen = new int[3];
    private VideoParameters current;

    public ParameterSetTracker(NalSyntax syntax) {
        this.syntax = syntax;
    }

    /** The parameters in force, or {@code null} until a complete, valid set has been committed. */
    public VideoParameters current() {
        return current;
    }

    /**
     * Installs out-of-band parameter sets (e.g. SDP {@code sprop-parameter-sets}) as if seen in-band.
     *
     * @return whether the parameters in force changed
     * @throws BitstreamException when the sets do not parse; the previous parameters stay in force
     */
    public boolean install(Iterable<byte[]> nalUnits) {
        discard();
        for (byte[] nal : nalUnits) {
            if (nal.length >= syntax.headerBytes()) {
                observe(syntax.kind(syntax.nalType(nal, 0)), nal, 0, nal.length);
            }
        }
        return commit();
    }

    /** Notes a NAL unit of the given kind; non-parameter-set kinds are ignored. */
    public void observe(NalKind kind, byte[] buf, int off, int len) {
        int slot = slot(kind);
        if (slot >= 0) {
            candidateBuf[slot] = buf;
            candidateOff[slot] = off;
            candidateLen[slot] = len;
        }
    }

    /** Forgets what was observed since the last commit. */
    public void discard() {
        Arrays.fill(candidateBuf, null);
    }

    /**
     * Adopts what was observed since the last commit.
     *
     * @return whether the parameters in force changed (a new, complete and valid set)
     * @throws BitstreamException when the new set does not parse; the previous set stays in force
     */
    public boolean commit() {
        byte[][] next = null;
        for (int slot = 0; slot < 3; slot++) {
            byte[] b = candidateBuf[slot];
            if (b != null) {
                int off = candidateOff[slot];
                int len = candidateLen[slot];
                byte[] old = committed[slot];
                if (old == null || !Arrays.equals(old, 0, old.length, b, off, off + len)) {
                    if (next == null) {
                        next = committed.clone();
                    }
                    next[slot] = Arrays.copyOfRange(b, off, off + len);
                }
            }
        }
        discard();
        if (next == null) {
            return false;
        }
        boolean complete = next[SPS] != null && next[PPS] != null && (!syntax.needsVps() || next[VPS] != null);
        VideoParameters parsed = complete ? syntax.parseParameters(next[VPS], next[SPS], next[PPS]) : null;
        System.arraycopy(next, 0, committed, 0, 3);
        if (parsed == null) {
            return false;
        }
        current = parsed;
        return true;
    }

    private static int slot(NalKind kind) {
        switch (kind) {
            case VPS:
                return VPS;
            case SPS:
                return SPS;
            case PPS:
                return PPS;
            default:
                return -1;
        }
    }
}
