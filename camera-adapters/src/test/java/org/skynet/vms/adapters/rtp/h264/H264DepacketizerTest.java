package org.skynet.vms.adapters.rtp.h264;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skynet.vms.adapters.rtp.HandBuiltPackets.lengthPrefixed;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.DepacketizerLimits;
import org.skynet.vms.adapters.rtp.HandBuiltPackets;

/** RFC 6184 packet types, hand-built, on top of the parameter sets of the test clip. */
class H264DepacketizerTest {
    private static final byte[] SPS = Base64.getDecoder().decode("Z01AKNoB4AiflwEQAAADABAAAAMDIPGDKg==");
    private static final byte[] PPS = Base64.getDecoder().decode("aO88gA==");

    private final List<AccessUnit> out = new ArrayList<>();
    private H264Depacketizer d;
    private HandBuiltPackets packets;

    @BeforeEach
    void setUp() {
        d = new H264Depacketizer(out::add);
        d.setParameterSets(List.of(SPS, PPS));
        packets = new HandBuiltPackets(d, 0, 7);
    }

    @Test
    void singleNalStapAAndFuAMakeOneAccessUnit() {
        packets.push(false, 3600, "18 0002 0910 0003 060102"); // STAP-A: AUD, SEI
        packets.push(false, 3600, "7c 85 aabb"); // FU-A start of IDR (nri 3)
        packets.push(false, 3600, "7c 05 cc"); // middle
        packets.push(false, 3600, "7c 45 dd"); // end
        packets.push(true, 3600, "6588 ee"); // a second IDR slice, single NAL
        assertEquals(1, out.size());
        AccessUnit u = out.get(0);
        assertTrue(u.keyframe());
        assertEquals(3600, u.pts90k());
        assertArrayEquals(lengthPrefixed("0910", "060102", "65aabbccdd", "6588ee"), u.data());
        assertTrue(u.parametersChanged(), "SDP parameter sets are announced with the first unit");
    }

    @Test
    void inBandParameterSetChangeIsReported() {
        packets.push(true, 0, "65 88");
        byte[] sps720 = Base64.getDecoder().decode("Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA=");
        byte[] pps720 = Base64.getDecoder().decode("aOvjyyLA");
        packets.push(false, 3600, "18" + String.format("%04x", sps720.length) + HexFormat.of().formatHex(sps720)
                + String.format("%04x", pps720.length) + HexFormat.of().formatHex(pps720));
        packets.push(true, 3600, "65 88");
        packets.push(true, 7200, "41 9a");
        assertEquals(3, out.size());
        assertEquals(1920, out.get(0).parameters().width());
        assertEquals(1280, out.get(1).parameters().width());
        assertTrue(out.get(1).parametersChanged());
        assertEquals(false, out.get(2).parametersChanged());
    }

    @Test
    void malformedStructuresDropTheUnitAndWaitForAKeyframe() {
        String[] bad = {
            "18 0005 0910", // STAP-A size past the end
            "18", // empty STAP-A
            "18 0000", // zero-size NAL
            "7c 05 cc", // FU-A continuation without a start
            "7c", // FU-A without FU header
            "1a 00", // MTAP16
            "e5 88", // forbidden bit
            "65", // fine: 1-byte NAL is a header only, accepted
        };
        long ts = 0;
        for (String payload : bad) {
            packets.push(true, ts += 3600, payload);
        }
        packets.push(false, ts += 3600, "7c 85 aa"); // FU-A start ...
        packets.push(true, ts, "7c 85 bb"); // ... and another start before its end
        assertEquals(1, out.size(), "only the one-byte IDR survives");
        assertEquals(8, d.stats().framesDroppedMalformed());
    }

    @Test
    void trailingZeroBytesOfANalUnitAreStripped() {
        // Leaked trailing_zero_8bits, as FFmpeg's packetizer sends them (see FfmpegRtpInteropIT).
        packets.push(false, 0, "6588 0000");
        packets.push(false, 0, "7c 85 aa00");
        packets.push(true, 0, "7c 45 bb0000");
        packets.push(true, 3600, "0900");
        assertArrayEquals(lengthPrefixed("6588", "65aa00bb"), out.get(0).data());
        assertArrayEquals(lengthPrefixed("09"), out.get(1).data(), "reduced to its header, still a NAL unit");
    }

    @Test
    void undefinedTypesAreIgnored() {
        packets.push(false, 0, "00 1122");
        packets.push(false, 0, "1e 1122");
        packets.push(true, 0, "65 88");
        assertEquals(1, out.size());
        assertEquals(2, d.stats().packetsIgnored());
        assertArrayEquals(lengthPrefixed("6588"), out.get(0).data());
    }

    @Test
    void nalLimitDropsTheUnit() {
        H264Depacketizer small = new H264Depacketizer(out::add,
                new DepacketizerLimits(4, 1 << 20, 100));
        small.setParameterSets(List.of(SPS, PPS));
        d = small;
        packets = new HandBuiltPackets(small, 0, 7);
        packets.push(false, 0, "7c 85 aabb");
        packets.push(true, 0, "7c 45 ccdd");
        packets.push(true, 3600, "65 8899");
        assertEquals(1, out.size());
        assertEquals(1, small.stats().framesDroppedOversize());
    }
}
