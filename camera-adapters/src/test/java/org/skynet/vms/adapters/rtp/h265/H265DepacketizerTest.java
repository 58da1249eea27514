package org.skynet.vms.adapters.rtp.h265;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skynet.vms.adapters.rtp.HandBuiltPackets.lengthPrefixed;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.HandBuiltPackets;

/** RFC 7798 packet types, hand-built, on top of the parameter sets of the test clip. */
class H265DepacketizerTest {
    private static final List<byte[]> PARAMS = List.of(
            Base64.getDecoder().decode("QAEMAf//AWAAAAMAkAAAAwAAAwB4ugJA"),
            Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwB4oAPAgBDllupJMrwFoCAAAAMAIAAAAwMh"),
            Base64.getDecoder().decode("RAHBcrRiQA=="));

    private final List<AccessUnit> out = new ArrayList<>();
    private H265Depacketizer d;
    private HandBuiltPackets packets;

    @BeforeEach
    void setUp() {
        d = new H265Depacketizer(out::add);
        d.setParameterSets(PARAMS);
        packets = new HandBuiltPackets(d, 100, 9);
    }

    @Test
    void apAndFuMakeOneAccessUnit() {
        packets.push(false, 0, "6001 0003 460150 0003 4e0105"); // AP: AUD, prefix SEI
        packets.push(false, 0, "6201 93 aabb"); // FU start, type 19 (IDR_W_RADL)
        packets.push(true, 0, "6201 53 cc"); // FU end
        assertEquals(1, out.size());
        AccessUnit u = out.get(0);
        assertTrue(u.keyframe());
        assertArrayEquals(lengthPrefixed("460150", "4e0105", "2601aabbcc"), u.data());
        assertEquals(1920, u.parameters().width());
    }

    @Test
    void craIsAKeyframeAndTrailIsNot() {
        packets.push(true, 0, "2a01 af"); // CRA_NUT (21)
        packets.push(true, 3600, "0201 d0"); // TRAIL_R (1)
        assertEquals(2, out.size());
        assertTrue(out.get(0).keyframe());
        assertEquals(false, out.get(1).keyframe());
    }

    @Test
    void malformedStructuresAndPaciDrop() {
        String[] bad = {"26", "6001", "6001 0009 46", "6201 13 aa", "6201", "6401 0000", "a601 aa"};
        long ts = 0;
        for (String payload : bad) {
            packets.push(true, ts += 3600, payload);
        }
        assertEquals(bad.length, d.stats().framesDroppedMalformed());
        packets.push(false, ts += 3600, "6601 aa"); // type 51: ignored
        packets.push(true, ts, "2601 af");
        assertEquals(1, out.size());
        assertEquals(1, d.stats().packetsIgnored());
    }
}
