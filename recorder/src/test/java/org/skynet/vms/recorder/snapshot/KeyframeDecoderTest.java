package org.skynet.vms.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * Real clips through FFmpeg: testsrc2 keyframes are far from uniform, black ones are uniform, for
 * H.264, H.265 and JPEG; garbage, non-keyframes and over-limit input fail with our error kinds.
 */
class KeyframeDecoderTest {
    private static final ExecutorService EXECUTOR = KeyframeDecoder.newExecutor(1);
    private final KeyframeDecoder decoder = new KeyframeDecoder(EXECUTOR);

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void testsrc2KeyframeIsNotUniform(Codec codec) throws Exception {
        AccessUnit key = TestClips.load(codec).get(0);
        assertTrue(key.keyframe());
        DecodedPicture p = decoder.decodeKeyframeAsync(key).get(30, TimeUnit.SECONDS);
        assertEquals(TestClips.WIDTH, p.width());
        assertEquals(TestClips.HEIGHT, p.height());
        assertFalse(p.luma().isUniform(LumaStats.DEFAULT_UNIFORM_STD_DEV), p.toString());
        assertTrue(p.luma().stdDev() > 30, p.toString());
        assertEquals((long) TestClips.WIDTH * TestClips.HEIGHT, p.luma().samples());
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(p.thumbnailJpeg()));
        assertEquals(TestClips.WIDTH, thumb.getWidth());
        assertEquals(TestClips.HEIGHT, thumb.getHeight());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void blackKeyframeIsUniform(Codec codec) throws Exception {
        String resource = codec == Codec.H264 ? "/testdata/snapshot/black_h264.h264" : "/testdata/snapshot/black_h265.h265";
        AccessUnit key = TestClips.load(codec, resource).get(0);
        DecodedPicture p = decoder.decodeKeyframeNow(key);
        assertTrue(p.luma().isUniform(LumaStats.DEFAULT_UNIFORM_STD_DEV), p.toString());
        assertTrue(p.luma().mean() < 10, p.toString());
    }

    @Test
    void jpegsDecodeToTheSameStats() throws Exception {
        DecodedPicture black = decoder.decodeJpegAsync(resource("/testdata/snapshot/black.jpg")).get(30, TimeUnit.SECONDS);
        DecodedPicture pattern = decoder.decodeJpegNow(resource("/testdata/snapshot/testsrc2.jpg"));
        assertTrue(black.luma().isUniform(LumaStats.DEFAULT_UNIFORM_STD_DEV), black.toString());
        assertFalse(pattern.luma().isUniform(LumaStats.DEFAULT_UNIFORM_STD_DEV), pattern.toString());
        assertEquals(320, pattern.width());
    }

    @Test
    void largeJpegIsDecodedAtReducedSizeButReportsItsOwn() throws Exception {
        byte[] jpeg = resource("/sim/snapshot_main.jpg");
        assertArrayEquals(new int[] {1920, 1080}, JpegHeader.size(jpeg));
        assertEquals(1, JpegHeader.lowres(1920, 640));
        assertEquals(0, JpegHeader.lowres(320, 640));
        assertEquals(3, JpegHeader.lowres(8000, 640));
        DecodedPicture p = decoder.decodeJpegNow(jpeg);
        assertEquals(1920, p.width());
        assertEquals(1080, p.height());
        assertEquals(640L * 360, p.luma().samples());
        assertFalse(p.luma().isUniform(LumaStats.DEFAULT_UNIFORM_STD_DEV), p.toString());
        assertEquals(null, JpegHeader.size(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xda, 0, 2}));
        assertEquals(null, JpegHeader.size(new byte[] {1, 2, 3, 4, 5}));
    }

    @Test
    void thumbnailIsAtMostTheConfiguredWidth() {
        KeyframeDecoder small = new KeyframeDecoder(EXECUTOR, 1 << 20, 1 << 24, 160);
        DecodedPicture p = small.decodeKeyframeNow(TestClips.load(Codec.H264).get(0));
        assertEquals(320, p.width());
        assertEquals(160L * 90, p.luma().samples());
    }

    @Test
    void garbageIsAProtocolError() {
        byte[] junk = new byte[4000];
        Arrays.fill(junk, (byte) 0x5a);
        SnapshotException e = assertThrows(SnapshotException.class, () -> decoder.decodeJpegNow(junk));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertEquals(ErrorKind.PROTOCOL, assertThrows(SnapshotException.class,
                () -> decoder.decodeJpegNow(new byte[0])).kind());
    }

    @Test
    void limitsAndNonKeyframesAreRefused() {
        List<AccessUnit> clip = TestClips.load(Codec.H264);
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(SnapshotException.class,
                () -> decoder.decodeKeyframeNow(clip.get(1))).kind());
        KeyframeDecoder tinyInput = new KeyframeDecoder(EXECUTOR, 100, 1 << 24, 640);
        assertEquals(ErrorKind.LIMIT_EXCEEDED, assertThrows(SnapshotException.class,
                () -> tinyInput.decodeKeyframeNow(clip.get(0))).kind());
        KeyframeDecoder tinyPicture = new KeyframeDecoder(EXECUTOR, 1 << 20, 320 * 100, 640);
        SnapshotException big = assertThrows(SnapshotException.class, () -> tinyPicture.decodeKeyframeNow(clip.get(0)));
        assertTrue(big.kind() == ErrorKind.LIMIT_EXCEEDED || big.kind() == ErrorKind.PROTOCOL, big.toString());
    }

    @Test
    void annexBPutsParameterSetsFirst() {
        AccessUnit key = TestClips.load(Codec.H264).get(0);
        byte[] stream = KeyframeDecoder.annexB(key);
        byte[] sps = key.parameters().sps().get(0);
        assertArrayEquals(new byte[] {0, 0, 0, 1}, Arrays.copyOf(stream, 4));
        assertArrayEquals(sps, Arrays.copyOfRange(stream, 4, 4 + sps.length));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = KeyframeDecoderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
