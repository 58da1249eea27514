package org.skynet.vms.adapters.rtp.h265;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

class H265SpsTest {

    @Test
    void clipSps() {
        H265Sps s = H265Sps.parse(TestClips.units(Codec.H265).get(0).parameters().sps().get(0));
        assertEquals(1, s.profileIdc());
        assertEquals(120, s.levelIdc());
        assertEquals(1920, s.width());
        assertEquals(1080, s.height());
        assertEquals(8, s.bitDepthLuma());
        assertEquals(8, s.bitDepthChroma());
        assertEquals(1, s.chromaFormatIdc());
        assertEquals(0, s.maxSubLayersMinus1(), "what hvcC numTemporalLayers is made from");
        assertTrue(s.temporalIdNesting());
        assertEquals(25.0, s.frameRateFps());
        assertEquals("hvc1.1.6.L120.90", s.rfc6381Codec());
    }

    @Test
    void quadHdSps() {
        H265Sps s = H265Sps.parse(Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwCWoAFAIAWhZZWaSTK8BaAgAAADACAAAAMCgQ=="));
        assertEquals(2560, s.width());
        assertEquals(1440, s.height());
        assertEquals(20.0, s.frameRateFps());
    }

    @Test
    void truncatedOrWrongNalIsRejected() {
        byte[] sps = Base64.getDecoder().decode("QgEBAWAAAAMAkAAAAwAAAwCWoAFAIAWhZZWaSTK8BaAgAAADACAAAAMCgQ==");
        assertThrows(BitstreamException.class, () -> H265Sps.parse(sps, 0, 20));
        assertThrows(BitstreamException.class, () -> H265Sps.parse(new byte[] {0x40, 1, 2, 3}));
    }
}
