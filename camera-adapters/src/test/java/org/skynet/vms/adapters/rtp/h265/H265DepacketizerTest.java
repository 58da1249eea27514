package org.skynet.vms.adapters.rtp.h265;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.RtpPacket;

/** RFC 7798 packet types, hand-built, on top of the parameter sets of the test clip. */
class H265DepacketizerTest {
    private static final List<byte[]> PARAMS = List.of(
            Base64.getDecoder().decode("QAEMAf//AWAAAAMAkAAAAwAAAwB4ugJA"),
            Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwB4oAPAgBDllupJMrwFoCAAAAMAIAAAAwMh"),
            Base64.getDecoder().decode("RAHBcrRiQA=="));

    private final List<AccessUnit> out = new ArrayList<>();
    private H265Depacketizer d;
    private int seq = 100;

    @BeforeEach
    void setUp() {
        d = new H265Depacketizer(out::add);
        d.setParameterSets(PARAMS);
    }

    private void push(boolean marker, long ts, String payloadHex) {
        byte[] payload = HexFormat.of().parseHex(payloadHex.replace(" ", ""));
        byte[] p = new byte[12 + payload.length];
        RtpPacket.writeHeader(p, 0, marker, 96, seq++, ts, 9);
        System.arraycopy(payload, 0, p, 12, payload.length);
        d.push(RtpPacket.parse(ByteBuffer.wrap(p)), Instant.EPOCH);
    }

    private static byte[] hvcc(String... nalsHex) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String h : nalsHex) {
            byte[] n = HexFormat.of().parseHex(h.replace(" ", ""));
            b.writeBytes(ByteBuffer.allocate(4).putInt(n.length).array());
            b.writeBytes(n);
        }
        return b.toByteArray();
    }

    @Test
    void apAndFuMakeOneAccessUnit() {
        push(false, 0, "6001 0003 460150 0003 4e0105"); // AP: AUD, prefix SEI
        push(false, 0, "6201 93 aabb"); // FU start, type 19 (IDR_W_RADL)
        push(true, 0, "6201 53 cc"); // FU end
        assertEquals(1, out.size());
        AccessUnit u = out.get(0);
        assertTrue(u.keyframe());
        assertArrayEquals(hvcc("460150", "4e0105", "2601aabbcc"), u.data());
        assertEquals(1920, u.parameters().width());
    }

    @Test
    void craIsAKeyframeAndTrailIsNot() {
        push(true, 0, "2a01 af"); // CRA_NUT (21)
        push(true, 3600, "0201 d0"); // TRAIL_R (1)
        assertEquals(2, out.size());
        assertTrue(out.get(0).keyframe());
        assertEquals(false, out.get(1).keyframe());
    }

    @Test
    void malformedStructuresAndPaciDrop() {
        String[] bad = {"26", "6001", "6001 0009 46", "6201 13 aa", "6201", "6401 0000", "a601 aa"};
        long ts = 0;
        for (String payload : bad) {
            push(true, ts += 3600, payload);
        }
        assertEquals(bad.length, d.stats().framesDroppedMalformed());
        push(false, ts += 3600, "6601 aa"); // type 51: ignored
        push(true, ts, "2601 af");
        assertEquals(1, out.size());
        assertEquals(1, d.stats().packetsIgnored());
    }
}
