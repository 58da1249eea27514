package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

/**
 * What the depacketizers deliver is decodable by FFmpeg: the whole clip after a round trip, and the
 * stream that is left after a loss (frames dropped up to the next keyframe) decodes without a single
 * decoder error. Needs ffprobe/ffmpeg on the PATH: fails when CI=true and they are missing, else skips.
 */
class DepacketizerFfmpegIT {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Codec.class)
    void roundTripDecodesToFiftyFullHdFrames(Codec codec) throws Exception {
        Path file = write(codec, RtpStreams.depacketizeAll(codec,
                RtpStreams.packetize(codec, TestClips.units(codec), 1400, true)));
        String out = run("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_frames,width,height", "-of", "default=nw=1", file.toString());
        assertTrue(out.contains("width=1920"), out);
        assertTrue(out.contains("height=1080"), out);
        assertTrue(out.contains("nb_read_frames=50"), out);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void streamLeftAfterLossDecodesWithoutErrors(Codec codec) throws Exception {
        List<RtpStreams.Packet> packets = new ArrayList<>(RtpStreams.packetize(codec, TestClips.units(codec), 1400, true));
        packets.remove(RtpStreams.firstPacketOf(packets, 12) + 1);
        List<AccessUnit> units = RtpStreams.depacketizeAll(codec, packets);
        assertEquals(37, units.size());
        Path file = write(codec, units);
        String errors = run("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "null", "-");
        assertEquals("", errors.strip(), "decoder errors");
    }

    private Path write(Codec codec, List<AccessUnit> units) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(u -> out.writeBytes(u.toAnnexB()));
        Path file = dir.resolve(codec == Codec.H264 ? "out.h264" : "out.h265");
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Runs a tool with a deadline; returns stdout and stderr together. */
    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(command[0] + " is required on CI but could not be started", e);
            }
            Assumptions.abort(command[0] + " not available: " + e.getMessage());
            throw e;
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command[0] + " did not finish");
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
