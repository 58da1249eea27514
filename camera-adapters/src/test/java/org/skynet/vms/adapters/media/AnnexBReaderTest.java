package org.skynet.vms.adapters.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;

class AnnexBReaderTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void clipSplitsIntoFiftyFramesWithKeyframesEveryTwentyFive(Codec codec) {
        List<AccessUnit> units = TestClips.units(codec);
        assertEquals(50, units.size());
        for (int i = 0; i < units.size(); i++) {
            AccessUnit u = units.get(i);
            assertEquals(i % 25 == 0, u.keyframe(), "keyframe flag of frame " + i);
            assertEquals(i * 3600L, u.pts90k(), "pts90k of frame " + i);
            assertEquals(codec, u.codec());
        }
        assertTrue(units.get(0).parametersChanged());
        assertFalse(units.get(1).parametersChanged());
        assertFalse(units.get(25).parametersChanged(), "repeated identical SPS/PPS is not a change");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void clipParametersAreFullHdAtTwentyFiveFps(Codec codec) {
        VideoParameters p = TestClips.units(codec).get(0).parameters();
        assertEquals(1920, p.width());
        assertEquals(1080, p.height());
        assertEquals(25.0, p.frameRateFps());
        assertEquals(3600, p.frameDuration90k(0));
        assertEquals(codec == Codec.H264 ? 0 : 1, p.vps().size());
        assertEquals(1, p.sps().size());
        assertEquals(1, p.pps().size());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void annexBOfAllUnitsReproducesTheNalUnitsOfTheFile(Codec codec) {
        byte[] file = TestClips.bytes(codec == Codec.H264 ? TestClips.H264 : TestClips.H265);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        for (AccessUnit u : TestClips.units(codec)) {
            again.writeBytes(u.toAnnexB());
        }
        List<int[]> original = AnnexBReader.nalUnits(file);
        byte[] rebuilt = again.toByteArray();
        List<int[]> copied = AnnexBReader.nalUnits(rebuilt);
        assertEquals(original.size(), copied.size());
        for (int i = 0; i < original.size(); i++) {
            int[] a = original.get(i);
            int[] b = copied.get(i);
            assertArrayEquals(Arrays.copyOfRange(file, a[0], a[0] + a[1]), Arrays.copyOfRange(rebuilt, b[0], b[0] + b[1]));
        }
    }

    @Test
    void streamWithoutStartCodesIsRejected() {
        assertThrows(BitstreamException.class, () -> AnnexBReader.read(new byte[] {1, 2, 3, 4}, H264Syntax.INSTANCE, 3600));
    }

    @Test
    void threeAndFourByteStartCodesAndTrailingZerosAreSplit() {
        byte[] s = {0, 0, 0, 1, 0x09, (byte) 0xf0, 0, 0, 1, 0x06, 5, 0, 0, 0, 0, 1, 0x65, (byte) 0x88};
        List<int[]> nals = AnnexBReader.nalUnits(s);
        assertEquals(3, nals.size());
        assertEquals(4, nals.get(0)[0]);
        assertEquals(2, nals.get(0)[1]);
        assertEquals(2, nals.get(1)[1]);
        assertEquals(2, nals.get(2)[1]);
    }
}
