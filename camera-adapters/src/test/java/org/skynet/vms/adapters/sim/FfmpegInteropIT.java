package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.Codec;

/**
 * Debian's ffprobe/ffmpeg read simulated cameras over RTSP/TCP: the streams are what a real client
 * expects. Skipped when the tools are missing, unless {@code CI=true}, where that is a failure.
 */
class FfmpegInteropIT {
    private static SimulatedFleet h264;
    private static SimulatedFleet h265;

    @BeforeAll
    static void start() {
        boolean tools = onPath("ffprobe") && onPath("ffmpeg");
        if (!tools && "true".equals(System.getenv("CI"))) {
            fail("ffmpeg/ffprobe not on PATH and CI=true: install Debian's ffmpeg package");
        }
        Assumptions.assumeTrue(tools, "ffmpeg/ffprobe not on PATH: skipping (apt-get install ffmpeg)");
        h264 = SimulatedFleet.start(SimConfig.builder(1).build());
        h265 = SimulatedFleet.start(SimConfig.builder(1).mainCodec(Codec.H265).idPrefix("hevc-").build());
    }

    @AfterAll
    static void stop() {
        if (h264 != null) {
            h264.close();
        }
        if (h265 != null) {
            h265.close();
        }
    }

    @Test
    void ffprobeSeesH264FullHdOnMainAndSdOnSub() throws Exception {
        SimulatedCamera cam = h264.cameras().get(0);
        assertEquals(List.of("codec_name=h264", "width=1920", "height=1080"), probe(withCredentials(cam, cam.rtspMainUrl())));
        assertEquals(List.of("codec_name=h264", "width=640", "height=360"), probe(withCredentials(cam, cam.rtspSubUrl())));
    }

    @Test
    void ffprobeReadsOverUdpToo() throws Exception {
        SimulatedCamera cam = h264.cameras().get(0);
        assertEquals(List.of("codec_name=h264", "width=1920", "height=1080"),
                probe(withCredentials(cam, cam.rtspMainUrl()), "udp"));
    }

    @Test
    void ffprobeSeesH265FullHd() throws Exception {
        SimulatedCamera cam = h265.cameras().get(0);
        assertEquals(List.of("codec_name=hevc", "width=1920", "height=1080"), probe(withCredentials(cam, cam.rtspMainUrl())));
    }

    @Test
    void ffprobeIsRefusedWithAWrongPassword() throws Exception {
        SimulatedCamera cam = h264.cameras().get(0);
        Result r = run("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                cam.rtspMainUrl().replace("rtsp://", "rtsp://" + cam.username() + ":wrong@"));
        assertNotEquals(0, r.exit());
        assertTrue(r.output().contains("401"), r.output());
    }

    @Test
    void ffmpegRecordsThreeSecondsWithoutReencoding(@TempDir Path dir) throws Exception {
        SimulatedCamera cam = h264.cameras().get(0);
        Path out = dir.resolve("out.mp4");
        Result rec = run("ffmpeg", "-v", "error", "-rtsp_transport", "tcp", "-i", withCredentials(cam, cam.rtspMainUrl()),
                "-t", "3", "-c", "copy", "-y", out.toString());
        assertEquals(0, rec.exit(), rec.output());
        Result count = run("ffprobe", "-v", "error", "-count_packets", "-select_streams", "v:0", "-show_entries",
                "stream=nb_read_packets,width,height", "-of", "default=nw=1", out.toString());
        assertTrue(count.output().contains("width=1920"), count.output());
        int packets = Integer.parseInt(count.output().lines().filter(l -> l.startsWith("nb_read_packets="))
                .findFirst().orElseThrow().substring("nb_read_packets=".length()));
        assertTrue(packets >= 60 && packets <= 90, "3 s at 25 fps, got " + packets + " packets");
    }

    private static List<String> probe(String url) throws Exception {
        return probe(url, "tcp");
    }

    private static List<String> probe(String url, String transport) throws Exception {
        Result r = run("ffprobe", "-v", "error", "-rtsp_transport", transport, "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height", "-of", "default=nw=1", url);
        assertEquals(0, r.exit(), r.output());
        return r.output().lines().filter(l -> !l.isBlank()).toList();
    }

    private static String withCredentials(SimulatedCamera cam, String url) {
        return url.replace("rtsp://", "rtsp://" + cam.username() + ":" + cam.password() + "@");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        File log = File.createTempFile("ffmpeg", ".log");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(log).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
