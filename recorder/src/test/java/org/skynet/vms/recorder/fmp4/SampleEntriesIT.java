package org.skynet.vms.recorder.fmp4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;

/**
 * Our {@code avcC}/{@code hvcC} must be byte-identical to what ffmpeg's mp4 muxer writes for the same
 * Annex-B clip ({@code ffmpeg -i clip -c copy -tag:v hvc1 out.mp4}).
 */
class SampleEntriesIT {
    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        MediaTools.assumeAvailable();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void decoderConfigurationMatchesFfmpeg(Codec codec) throws IOException {
        Path clip = dir.resolve("clip." + (codec == Codec.H264 ? "h264" : "h265"));
        try (InputStream in = TestClips.class.getResourceAsStream(TestClips.resource(codec))) {
            Files.write(clip, in.readAllBytes());
        }
        Path remuxed = dir.resolve("ffmpeg.mp4");
        MediaTools.Run run = MediaTools.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", clip.toString(), "-c",
                "copy", "-tag:v", SampleEntries.type(codec), "-f", "mp4", remuxed.toString()));
        assertEquals(0, run.exitCode(), run.stderr());
        String box = codec == Codec.H264 ? "avcC" : "hvcC";

        VideoParameters params = TestClips.load(codec).get(0).parameters();
        BoxWriter w = new BoxWriter(256);
        SampleEntries.write(w, params);
        assertArrayEquals(find(Files.readAllBytes(remuxed), box), find(w.toByteArray(), box), box);
    }

    /** The first box of {@code type} anywhere in {@code bytes}, header included. */
    private static byte[] find(byte[] bytes, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = 4; i + 4 <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + 4, t, 0, 4)) {
                int size = ((bytes[i - 4] & 0xFF) << 24) | ((bytes[i - 3] & 0xFF) << 16) | ((bytes[i - 2] & 0xFF) << 8)
                        | (bytes[i - 1] & 0xFF);
                return Arrays.copyOfRange(bytes, i - 4, i - 4 + size);
            }
        }
        throw new AssertionError("no " + type + " box");
    }
}
