package org.skynet.vms.recorder.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code Range} headers against a 1000-byte file. */
class ByteRangeTest {
    private static final long TOTAL = 1000;

    @Test
    void satisfiableRanges() {
        assertEquals(part(0, 99), ByteRange.parse("bytes=0-99", TOTAL));
        assertEquals(part(500, 999), ByteRange.parse("bytes=500-", TOTAL));
        assertEquals(part(900, 999), ByteRange.parse("bytes=-100", TOTAL));
        assertEquals(part(0, 999), ByteRange.parse("bytes=-5000", TOTAL));
        assertEquals(part(990, 999), ByteRange.parse("bytes=990-5000", TOTAL), "last clamped to the end");
        assertEquals(part(7, 7), ByteRange.parse("Bytes= 7-7", TOTAL));
        assertEquals(100, new ByteRange(0, 99).length());
        assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(TOTAL));
    }

    @Test
    void unsatisfiableRanges() {
        assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=1000-", TOTAL));
        assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=5000-6000", TOTAL));
        assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=-0", TOTAL));
    }

    @Test
    void unusableHeadersMeanTheWholeFile() {
        for (String h : new String[] {null, "", "items=0-5", "bytes=5", "bytes=-", "bytes=9-3", "bytes=0-1,5-9",
            "bytes=x-5", "bytes=1-y", "bytes=99999999999999999999-"}) {
            assertEquals(new ByteRange.Whole(), ByteRange.parse(h, TOTAL), String.valueOf(h));
        }
    }

    private static ByteRange.Part part(long first, long last) {
        return new ByteRange.Part(new ByteRange(first, last));
    }
}
