package org.skynet.vms.recorder.fmp4;

import org.skynet.vms.adapters.media.VideoParameters;

/**
 * Writes the init segment of a one-track fragmented MP4: {@code ftyp} and a {@code moov} without
 * samples ({@code mvhd}, {@code trak} with {@code tkhd}/{@code mdia}/{@code mdhd}/{@code hdlr}/
 * {@code minf}/{@code vmhd}/{@code dinf}/{@code stbl} holding only the sample entry, and
 * {@code mvex}/{@code trex}). Durations are 0: the samples live in the fragments (ISO/IEC 14496-12
 * §8.8). Media timescale is 90 kHz, the RTP video clock, so timestamps go in unscaled.
 */
public final class InitSegmentWriter {
    /** The only track's id. */
    public static final int TRACK_ID = 1;
    /** Media and movie timescale: ticks per second. */
    public static final int TIMESCALE = 90_000;

    private static final int FIXED_ONE = 0x0001_0000;
    private static final int LANGUAGE_UND = 0x55C4; // ISO 639-2 "und", packed 5 bits per letter
    private static final int[] UNITY_MATRIX = {FIXED_ONE, 0, 0, 0, FIXED_ONE, 0, 0, 0, 0x4000_0000};

    private InitSegmentWriter() {
    }

    /** Appends {@code ftyp} and {@code moov} for a video track with these parameters to {@code w}. */
    public static void write(BoxWriter w, VideoParameters params) {
        w.start("ftyp").fourcc("iso6").u32(0).fourcc("iso6").fourcc("isom").fourcc("mp41").end();
        w.start("moov");
        writeMvhd(w);
        w.start("trak");
        writeTkhd(w, params);
        w.start("mdia");
        w.startFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0).u16(LANGUAGE_UND).u16(0).end();
        w.startFull("hdlr", 0, 0).u32(0).fourcc("vide").zeros(12).bytes(new byte[] {'V', 'i', 'd', 'e', 'o', 0}).end();
        w.start("minf");
        w.startFull("vmhd", 0, 1).zeros(8).end();
        w.start("dinf").startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end().end();
        w.start("stbl");
        w.startFull("stsd", 0, 0).u32(1);
        SampleEntries.write(w, params);
        w.end();
        w.startFull("stts", 0, 0).u32(0).end();
        w.startFull("stsc", 0, 0).u32(0).end();
        w.startFull("stsz", 0, 0).u32(0).u32(0).end();
        w.startFull("stco", 0, 0).u32(0).end();
        w.end().end().end().end(); // stbl, minf, mdia, trak
        w.start("mvex");
        w.startFull("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).end();
        w.end();
        w.end(); // moov
    }

    private static void writeMvhd(BoxWriter w) {
        w.startFull("mvhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0);
        w.u32(FIXED_ONE).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        w.zeros(24).u32(TRACK_ID + 1).end(); // pre_defined, next_track_ID
    }

    private static void writeTkhd(BoxWriter w, VideoParameters params) {
        w.startFull("tkhd", 0, 0x3).u32(0).u32(0).u32(TRACK_ID).u32(0).u32(0); // enabled | in movie
        w.zeros(8).u16(0).u16(0).u16(0).u16(0); // reserved, layer, alternate_group, volume, reserved
        matrix(w);
        w.u32((long) params.width() << 16).u32((long) params.height() << 16).end();
    }

    private static void matrix(BoxWriter w) {
        for (int v : UNITY_MATRIX) {
            w.u32(v);
        }
    }
}
