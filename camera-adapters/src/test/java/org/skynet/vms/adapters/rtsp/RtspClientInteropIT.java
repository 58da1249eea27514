package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.ErrorKind;

/**
 * Interop with an RTSP server we did not write: VLC's RTSP/RTP stream output serving an H.264 clip
 * that ffmpeg encodes from its {@code testsrc} pattern. ffmpeg itself cannot be the server: its
 * {@code -rtsp_flags listen} only accepts ANNOUNCE/RECORD pushes, not PLAY clients. VLC's server
 * offers RTP over UDP only (it answers 461 to {@code RTP/AVP/TCP}), so this covers the UDP path.
 *
 * <p>Needs {@code ffmpeg} and {@code cvlc} on the PATH; skipped without them unless {@code CI=true}.
 * VLC refuses to run as root, so as root it is started as {@code nobody} through {@code setpriv}.
 */
class RtspClientInteropIT {
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final Duration STARTUP = Duration.ofSeconds(15);

    private static Path dir;
    private static Process vlc;
    private static EventLoopGroup group;
    private static RtspClient client;
    private static String url;

    @BeforeAll
    static void startVlc() throws Exception {
        requireTool("ffmpeg");
        requireTool("cvlc");
        dir = Files.createTempDirectory("rtsp-interop");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path clip = dir.resolve("clip.h264");
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=" + WIDTH + "x" + HEIGHT + ":rate=25", "-t", "4", "-c:v", "libx264", "-preset",
                "ultrafast", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", clip.toString()));
        Files.setPosixFilePermissions(clip, PosixFilePermissions.fromString("rw-r--r--"));

        int port = freePort();
        url = "rtsp://127.0.0.1:" + port + "/live";
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            requireTool("setpriv");
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("cvlc", "-I", "dummy", "-A", "dummy", "--no-audio", "--loop", clip.toString(),
                "--sout", "#rtp{sdp=" + url + "}"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("vlc.log").toFile());
        pb.environment().put("HOME", dir.toString());
        vlc = pb.start();

        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        client = new RtspClient(group);
        awaitServer();
    }

    @AfterAll
    static void stopVlc() throws Exception {
        if (vlc != null) {
            vlc.destroy();
            if (!vlc.waitFor(5, TimeUnit.SECONDS)) {
                vlc.destroyForcibly();
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static RtspSource source() {
        return RtspSource.of(url).withTransport(RtpTransport.UDP).withTimeouts(new RtspTimeouts(
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @Test
    void receivesFramesOverUdpWithSizeFromTheSps() throws Exception {
        AtomicInteger frames = new AtomicInteger();
        CompletableFuture<Void> tenFrames = new CompletableFuture<>();
        PlayingSession s = client.open(source(), unit -> {
            if (frames.incrementAndGet() == 10) {
                tenFrames.complete(null);
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            tenFrames.get(10, TimeUnit.SECONDS);
            assertNotNull(s.videoParameters(), "SPS seen");
            assertEquals(Codec.H264, s.videoParameters().codec());
            assertEquals(WIDTH, s.videoParameters().width());
            assertEquals(HEIGHT, s.videoParameters().height());

            // Frames keep arriving: 25 more (one second of video) within 5 s.
            int mark = frames.get();
            CompletableFuture<Void> more = new CompletableFuture<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (frames.get() < mark + 25 && System.nanoTime() < deadline) {
                if (s.terminated().isDone()) {
                    fail("stream ended early: " + s.terminated().handle((v, e) -> String.valueOf(e)).join());
                }
                more.completeOnTimeout(null, 50, TimeUnit.MILLISECONDS).get();
                more = new CompletableFuture<>();
            }
            assertTrue(frames.get() >= mark + 25, "only " + (frames.get() - mark) + " frames after the first 10");
            StreamStats stats = s.stats().get(1, TimeUnit.SECONDS);
            assertTrue(stats.packets() > 0 && stats.frames() >= 35, stats.toString());
        } finally {
            s.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void optionsAndDescribeProbes() throws Exception {
        RtspResponse options = client.options(source()).get(5, TimeUnit.SECONDS);
        assertTrue(options.publicMethods().contains("DESCRIBE"), options.headers().toString());
        assertEquals(Codec.H264, client.describe(source()).get(5, TimeUnit.SECONDS).firstSupportedVideo()
                .orElseThrow().codec());
    }

    @Test
    void interleavedTcpRefusedByVlcMapsToUnsupported() {
        CompletableFuture<PlayingSession> f = client.open(source().withTransport(RtpTransport.TCP_INTERLEAVED),
                unit -> { });
        CompletionException e = assertThrows(CompletionException.class,
                () -> f.orTimeout(10, TimeUnit.SECONDS).join());
        RtspException cause = (RtspException) e.getCause();
        assertEquals(ErrorKind.UNSUPPORTED, cause.kind(), cause.getMessage());
        assertTrue(cause.getMessage().startsWith("SETUP " + url), cause.getMessage());
    }

    /**
     * Retries DESCRIBE until VLC serves the stream (it answers OPTIONS, and DESCRIBE with 500, while its input is
     * still opening); waiting on the process, so a VLC that dies fails fast.
     */
    private static void awaitServer() throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        RtspSource probe = source();
        while (System.nanoTime() < deadline) {
            try {
                client.describe(probe).get(5, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException notYet) {
                if (vlc.waitFor(100, TimeUnit.MILLISECONDS)) {
                    fail("cvlc exited with " + vlc.exitValue() + ": " + Files.readString(dir.resolve("vlc.log")));
                }
            }
        }
        fail("VLC did not serve " + url + " within " + STARTUP + ": " + Files.readString(dir.resolve("vlc.log")));
    }

    private static void requireTool(String name) {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(p, name));
        }
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(name + " is required for the RTSP interop test when CI=true (apt-get install ffmpeg vlc)");
        }
        Assumptions.assumeTrue(found, name + " not on PATH: RTSP interop test skipped");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
