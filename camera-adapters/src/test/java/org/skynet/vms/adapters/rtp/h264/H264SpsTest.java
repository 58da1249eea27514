package org.skynet.vms.adapters.rtp.h264;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

class H264SpsTest {

    @Test
    void clipSps() {
        H264Sps s = H264Sps.parse(TestClips.units(Codec.H264).get(0).parameters().sps().get(0));
        assertEquals(77, s.profileIdc());
        assertEquals(40, s.levelIdc());
        assertEquals(1920, s.width());
        assertEquals(1080, s.height(), "1088 coded, cropped by 8");
        assertEquals(25.0, s.frameRateFps());
        assertTrue(s.frameMbsOnly());
        assertEquals("avc1.4d4028", s.rfc6381Codec());
    }

    @Test
    void highProfileWithChromaInfo() {
        H264Sps s = H264Sps.parse(Base64.getDecoder().decode("Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA="));
        assertEquals(100, s.profileIdc());
        assertEquals(1, s.chromaFormatIdc());
        assertEquals(8, s.bitDepthLuma(), "coded: high profile has chroma info");
        assertEquals(8, s.bitDepthChroma());
        assertEquals(1280, s.width());
        assertEquals(720, s.height());
        assertEquals(30.0, s.frameRateFps());
    }

    @Test
    void withoutVuiTimingFrameRateIsUnknown() {
        // Baseline 320x240, VUI absent: profile 66, level 13, poc type 2.
        byte[] sps = HexFormat.of().parseHex("6742c00dda0507e4");
        H264Sps s = H264Sps.parse(sps);
        assertEquals(320, s.width());
        assertEquals(240, s.height());
        assertEquals(8, s.bitDepthLuma(), "baseline does not code it: 8");
        assertNull(s.frameRateFps());
    }

    @Test
    void truncatedOrWrongNalIsRejected() {
        byte[] sps = Base64.getDecoder().decode("Z2QAH6zZQFAFuwEQAAADABAAAAMDwPGDGWA=");
        assertThrows(BitstreamException.class, () -> H264Sps.parse(sps, 0, 8));
        assertThrows(BitstreamException.class, () -> H264Sps.parse(new byte[] {0x68, 1, 2, 3}));
    }
}
