package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.BoxTree;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * Golden outputs, Moonfire style: the checked-in clips, written with fixed timing, must give exactly
 * the checked-in box tree and SHA-256. When either changes on purpose, regenerate (the failure message
 * says where the actual tree was written) and say why in the commit.
 */
class SegmentWriterGoldenTest {
    static final Instant WALL0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final long PTS0 = 900_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "H264, testsrc2_h264.boxes.txt, c634c990bb2ec19389b0feb063f0813d580e8facbfb4c2ab86a99782461c08d4",
        "H265, testsrc2_h265.boxes.txt, 47dbeef075471cb52fa1b6f4c3a6b60ddb1d4c1edf0804b60065e4525ddee74e",
    })
    void clipGivesGoldenBoxTreeAndHash(Codec codec, String golden, String sha256) throws Exception {
        CollectingListener events = new CollectingListener();
        SegmentWriter w = new SegmentWriter("cam-golden", SegmentConfig.defaults(dir).withFsync(false), events);
        for (AccessUnit au : TestClips.timed(codec, 1, PTS0, WALL0)) {
            w.accept(au, au.wallClock());
        }
        w.close();

        assertEquals(1, events.closed.size());
        SegmentFile file = events.closed.get(0);
        byte[] bytes = Files.readAllBytes(file.path());
        String tree = BoxTree.dump(bytes);
        String expected = resource("/testdata/fmp4/" + golden);
        if (!tree.equals(expected)) {
            Path actual = Paths.get("target", "golden-actual", golden);
            Files.createDirectories(actual.getParent());
            Files.writeString(actual, tree);
            assertEquals(expected, tree, "box tree differs from " + golden + "; actual written to "
                    + actual.toAbsolutePath());
        }
        assertEquals(sha256, hex(bytes), "SHA-256 of the " + codec + " golden file");
        assertEquals(sha256, file.sha256(), "SHA-256 reported at close");
        assertEquals(bytes.length, file.sizeBytes());
        assertEquals(TestClips.FRAMES, file.frames());
        assertEquals(TestClips.FRAMES * TestClips.FRAME_90K, file.mediaDuration90k());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SegmentWriterGoldenTest.class.getResourceAsStream(name)) {
            if (in == null) {
                return "(missing golden file " + name + ")";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String hex(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
