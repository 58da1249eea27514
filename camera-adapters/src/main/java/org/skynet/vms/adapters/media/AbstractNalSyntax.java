package org.skynet.vms.adapters.media;

import java.util.List;

/**
 * The part of a {@link NalSyntax} that is the same for every codec: the codec facts given to the
 * constructor, and {@link #parseParameters} built on the codec's own SPS parser.
 */
public abstract class AbstractNalSyntax implements NalSyntax {
    private final Codec codec;
    private final String specName;
    private final int headerBytes;
    private final boolean needsVps;

    /**
     * @param codec       the codec described
     * @param specName    the codec as the messages name it, e.g. {@code H.264}
     * @param headerBytes size of the NAL unit header
     * @param needsVps    whether parameters need a VPS in addition to SPS and PPS
     */
    protected AbstractNalSyntax(Codec codec, String specName, int headerBytes, boolean needsVps) {
        this.codec = codec;
        this.specName = specName;
        this.headerBytes = headerBytes;
        this.needsVps = needsVps;
    }

    @Override
    public final Codec codec() {
        return codec;
    }

    @Override
    public final int headerBytes() {
        return headerBytes;
    }

    @Override
    public final boolean needsVps() {
        return needsVps;
    }

    @Override
    public final VideoParameters parseParameters(byte[] vps, byte[] sps, byte[] pps) {
        if (sps == null || pps == null || (needsVps && vps == null)) {
            throw new BitstreamException(specName + " needs "
                    + (needsVps ? "a VPS, an SPS and a PPS" : "both an SPS and a PPS"));
        }
        SequenceParameters s = parseSps(sps);
        return new VideoParameters(codec, s.width(), s.height(), s.frameRateFps(), s.profileIdc(), s.levelIdc(),
                s.rfc6381Codec(), needsVps ? List.of(vps) : List.of(), List.of(sps), List.of(pps));
    }

    /**
     * Parses a whole SPS NAL unit (header included, no start code).
     *
     * @throws BitstreamException when it is not an SPS, is truncated, or holds out-of-range values
     */
    protected abstract SequenceParameters parseSps(byte[] sps);
}
