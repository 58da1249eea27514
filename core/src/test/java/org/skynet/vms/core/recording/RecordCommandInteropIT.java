package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vms record} against an RTSP server we did not write: VLC's RTSP/RTP stream output serving an
 * H.264 clip that ffmpeg encodes from {@code testsrc}. ffmpeg cannot be the server ({@code -rtsp_flags
 * listen} accepts only ANNOUNCE/RECORD pushes), and VLC serves RTP over UDP only, so this covers
 * {@code --transport udp}. Needs ffmpeg, ffprobe and cvlc; skipped without them unless {@code CI=true}.
 * VLC refuses to run as root, so as root it runs as {@code nobody} through {@code setpriv}.
 */
class RecordCommandInteropIT {
    private static Path dir;
    private static Process vlc;
    private static String url;

    @TempDir
    Path out;

    @BeforeAll
    static void startVlc() throws Exception {
        MediaProbe.requireTool("ffmpeg");
        MediaProbe.requireTool("ffprobe");
        MediaProbe.requireTool("cvlc");
        dir = Files.createTempDirectory("record-interop");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path clip = dir.resolve("clip.h264");
        MediaProbe.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=640x360:rate=25", "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-bf", "0", "-pix_fmt", "yuv420p", clip.toString()));
        Files.setPosixFilePermissions(clip, PosixFilePermissions.fromString("rw-r--r--"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        url = "rtsp://127.0.0.1:" + port + "/live";
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            MediaProbe.requireTool("setpriv");
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("cvlc", "-I", "dummy", "-A", "dummy", "--no-audio", "--loop", clip.toString(),
                "--sout", "#rtp{sdp=" + url + "}"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("vlc.log").toFile());
        pb.environment().put("HOME", dir.toString());
        vlc = pb.start();
        awaitPort(port);
    }

    @AfterAll
    static void stopVlc() throws InterruptedException {
        if (vlc != null) {
            vlc.destroy();
            if (!vlc.waitFor(5, TimeUnit.SECONDS)) {
                vlc.destroyForcibly();
            }
        }
    }

    @Test
    void recordsFromVlcOverUdpIntoFilesThatPlay() throws IOException {
        RecordCommandIT.Run r = RecordCommandIT.record(url, "--out", out.toString(), "--duration", "5s",
                "--transport", "udp", "--camera-id", "vlc");
        assertEquals(0, r.exit(), r.stdout() + r.stderr());
        long frames = RecordCommandIT.checkFiles(r, out);
        double seconds = Double.parseDouble(r.summary().get("duration").replace(" s", ""));
        // VLC paces a raw H.264 file at its own rate and restarts timestamps at each loop (a new file
        // then, TIMESTAMP_JUMP), so only a lower bound is asserted here; the files must still be exact.
        assertTrue(frames >= 25 && seconds >= 1.5, frames + " frames, " + seconds + " s");
    }

    /** Waits until VLC listens (or fails fast when it exits). */
    private static void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (vlc.waitFor(100, TimeUnit.MILLISECONDS)) {
                    fail("cvlc exited with " + vlc.exitValue() + ": " + Files.readString(dir.resolve("vlc.log")));
                }
            }
        }
        fail("VLC did not listen on " + port + ": " + Files.readString(dir.resolve("vlc.log")));
    }
}
