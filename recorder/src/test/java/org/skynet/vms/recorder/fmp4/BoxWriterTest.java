package org.skynet.vms.recorder.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BoxWriterTest {
    @Test
    void nestedBoxesGetTheirSizesBackPatched() {
        BoxWriter w = new BoxWriter(0);
        w.start("moov").startFull("mvhd", 1, 0x000203).u32(7).end().start("udta").end().end();
        assertEquals("00000020" + "6d6f6f76" + "00000010" + "6d766864" + "01000203" + "00000007" + "00000008"
                + "75647461", HexFormat.of().formatHex(w.toByteArray()));
    }

    @Test
    void growsPastItsInitialCapacityAndKeepsTheBytes() {
        BoxWriter w = new BoxWriter(64);
        byte[] payload = new byte[100_000];
        payload[99_999] = 42;
        w.start("mdat").bytes(payload).end();
        byte[] out = w.toByteArray();
        assertEquals(100_008, out.length);
        assertEquals(100_008, w.written().getInt(0));
        assertEquals(42, out[100_007]);
    }

    @Test
    void clearKeepsNothingButRefusesWhileBoxesAreOpen() {
        BoxWriter w = new BoxWriter(64);
        w.start("free");
        assertThrows(IllegalStateException.class, w::clear);
        w.end().clear();
        assertEquals(0, w.position());
        assertArrayEquals(new byte[0], w.toByteArray());
    }

    @Test
    void unbalancedOrOddInputIsRefused() {
        BoxWriter w = new BoxWriter(64);
        assertThrows(IllegalStateException.class, w::end);
        assertThrows(IllegalArgumentException.class, () -> w.start("toolong"));
        assertEquals(0, w.depth(), "a refused box leaves nothing open");
        assertEquals(0, w.position());
        for (int i = 0; i < BoxWriter.MAX_DEPTH; i++) {
            w.start("trak");
        }
        assertThrows(IllegalStateException.class, () -> w.start("deep"));
    }

    @Test
    void patchOverwritesAnEarlierField() {
        BoxWriter w = new BoxWriter(64);
        w.u32(0).u16(0xBEEF).patchU32(0, 0xCAFEBABEL);
        assertEquals("cafebabebeef", HexFormat.of().formatHex(w.toByteArray()));
    }
}
