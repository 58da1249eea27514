package org.skynet.vms.adapters.media;

/** The few NAL unit roles that depacketizing, packetizing and recording care about. */
public enum NalKind {
    /** H.265 video parameter set. */
    VPS,
    /** Sequence parameter set. */
    SPS,
    /** Picture parameter set. */
    PPS,
    /** A slice of a random access picture (H.264 IDR, H.265 IRAP). */
    KEYFRAME_SLICE,
    /** A slice of any other picture. */
    SLICE,
    /** Anything else: SEI, access unit delimiter, end of sequence, filler, reserved types. */
    OTHER
}
