package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;

/** {@link RtspClient} against {@link FakeRtspServer} on 127.0.0.1: the whole path over real sockets. */
class RtspClientIT {
    /** Short enough to keep the suite fast, long enough for a loaded 2-core machine. */
    private static final RtspTimeouts FAST = new RtspTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofMillis(1500));
    private static EventLoopGroup group;
    private static RtspClient client;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        client = new RtspClient(group);
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Counts access units and completes a future once {@code target} arrived. */
    private static final class FrameCounter implements AccessUnitListener {
        final AtomicInteger frames = new AtomicInteger();
        final CompletableFuture<AccessUnit> first = new CompletableFuture<>();
        final CompletableFuture<Integer> reached = new CompletableFuture<>();
        private final int target;

        FrameCounter(int target) {
            this.target = target;
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            first.complete(unit);
            if (frames.incrementAndGet() >= target) {
                reached.complete(frames.get());
            }
        }
    }

    private static RtspException failure(CompletableFuture<?> f, Duration within) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> f.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join());
        assertTrue(e.getCause() instanceof RtspException, "not an RtspException: " + e.getCause());
        return (RtspException) e.getCause();
    }

    @Test
    void digestDescribeSetupPlayOverInterleavedTcp() throws Exception {
        FakeCamera camera = new FakeCamera("admin", "s3cret", -1);
        try (FakeRtspServer server = FakeRtspServer.start(camera)) {
            RtspSource source = RtspSource.of("rtsp://admin:s3cret@127.0.0.1:" + server.port() + "/live")
                    .withTimeouts(FAST);
            FrameCounter counter = new FrameCounter(30);
            PlayingSession s = client.open(source, counter).get(5, TimeUnit.SECONDS);

            AccessUnit first = counter.first.get(5, TimeUnit.SECONDS);
            assertTrue(first.keyframe(), "delivery starts at a keyframe");
            assertEquals(30, counter.reached.get(5, TimeUnit.SECONDS));
            assertEquals(Codec.H264, s.videoParameters().codec());
            assertEquals(640, s.videoParameters().width());
            assertEquals(360, s.videoParameters().height());

            StreamStats stats = s.stats().get(1, TimeUnit.SECONDS);
            assertTrue(stats.packets() > 30, stats.toString());
            assertEquals(0, stats.packetsLost());
            assertTrue(stats.frames() >= 30);
            assertNotNull(stats.lastSenderReport(), "RTCP SR received");
            assertEquals(FakeCamera.SSRC, stats.lastSenderReport().ssrc());
            assertTrue(stats.wallClockFromSenderReport());

            s.close().get(2, TimeUnit.SECONDS);
            assertNull(s.terminated().get(1, TimeUnit.SECONDS), "closed on purpose: completes normally");
            assertEquals(List.of("DESCRIBE", "DESCRIBE", "SETUP", "PLAY", "TEARDOWN"), camera.methods());
            assertNull(camera.requests.get(0).header("authorization"), "no credentials before the challenge");
            for (FakeRtspServer.Request r : camera.requests) {
                assertFalse(r.url().contains("s3cret") || r.url().contains("admin@"), r.url());
            }
            assertEquals(server.url("/live/trackID=1"), camera.requests.get(2).url());
            assertEquals("12345678", camera.requests.get(3).header("session"));
        }
    }

    @Test
    void h265OverInterleavedTcp() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(new FakeCamera("admin", "s3cret", -1).h265())) {
            RtspSource source = RtspSource.of(server.url("/h265"), "admin", "s3cret").withTimeouts(FAST);
            FrameCounter counter = new FrameCounter(10);
            PlayingSession s = client.open(source, counter).get(5, TimeUnit.SECONDS);
            assertEquals(10, counter.reached.get(5, TimeUnit.SECONDS));
            assertEquals(Codec.H265, s.videoParameters().codec());
            assertEquals(1920, s.videoParameters().width());
            assertEquals(1080, s.videoParameters().height());
            assertEquals(0, s.stats().get(1, TimeUnit.SECONDS).packetsLost());
            s.close().get(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void udpTransport() throws Exception {
        FakeCamera camera = new FakeCamera("admin", "s3cret", -1);
        try (FakeRtspServer server = FakeRtspServer.start(camera)) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "s3cret").withTimeouts(FAST)
                    .withTransport(RtpTransport.UDP);
            FrameCounter counter = new FrameCounter(10);
            PlayingSession s = client.open(source, counter).get(5, TimeUnit.SECONDS);
            assertEquals(10, counter.reached.get(5, TimeUnit.SECONDS));
            assertEquals(640, s.videoParameters().width());
            String transport = camera.requests.get(2).header("transport");
            assertTrue(transport.matches("RTP/AVP;unicast;client_port=\\d*[02468]-\\d+"), transport);
            s.close().get(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void udpSessionOutlivesAServerThatClosesTheConnectionAfterPlay() throws Exception {
        // VLC 3.0 closes the RTSP connection after PLAY; see RtspClientInteropIT.
        FakeCamera camera = new FakeCamera("admin", "s3cret", -1).closingConnectionAfterPlay(2);
        try (FakeRtspServer server = FakeRtspServer.start(camera)) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "s3cret").withTimeouts(FAST)
                    .withTransport(RtpTransport.UDP);
            FrameCounter counter = new FrameCounter(40);
            PlayingSession s = client.open(source, counter).get(5, TimeUnit.SECONDS);
            FakeRtspServer.Request keepAlive = camera.keepAlive.get(5, TimeUnit.SECONDS);
            assertEquals("12345678", keepAlive.header("session"));
            assertTrue(keepAlive.header("authorization").startsWith("Digest "), "new connection authenticates");
            assertEquals(40, counter.reached.get(5, TimeUnit.SECONDS));
            assertFalse(s.terminated().isDone(), "the stream goes on");
            s.close().get(5, TimeUnit.SECONDS);
            assertNull(s.terminated().get(1, TimeUnit.SECONDS));
            List<String> methods = camera.methods();
            assertEquals("TEARDOWN", methods.get(methods.size() - 1), methods.toString());
        }
    }

    @Test
    void probesAuthenticate() throws Exception {
        FakeCamera camera = new FakeCamera("admin", "s3cret", -1);
        try (FakeRtspServer server = FakeRtspServer.start(camera)) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "s3cret").withTimeouts(FAST);
            RtspResponse options = client.options(source).get(5, TimeUnit.SECONDS);
            assertTrue(options.publicMethods().contains("GET_PARAMETER"));
            SessionDescription sdp = client.describe(source).get(5, TimeUnit.SECONDS);
            assertEquals(2, sdp.media().size());
            assertEquals(server.url("/live/trackID=1"), sdp.firstSupportedVideo().orElseThrow().controlUri().toString());
        }
    }

    @Test
    void wrongPasswordIsAuthFailed() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(new FakeCamera("admin", "s3cret", -1))) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "guess").withTimeouts(FAST);
            RtspException e = failure(client.describe(source), Duration.ofSeconds(5));
            assertEquals(ErrorKind.AUTH_FAILED, e.kind());
            assertFalse(e.getMessage().contains("guess"), e.getMessage());
            assertTrue(e.getMessage().contains("401"), e.getMessage());
        }
    }

    @Test
    void serverThatNeverAnswersFailsWithTimeoutWithinTheTimeout() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(FakeRtspServer.silent())) {
            RtspTimeouts timeouts = new RtspTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(1));
            long start = System.nanoTime();
            RtspException e = failure(client.options(RtspSource.of(server.url("/")).withTimeouts(timeouts)),
                    Duration.ofSeconds(5));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(ErrorKind.TIMEOUT, e.kind());
            assertTrue(millis >= 650 && millis < 3000, "failed after " + millis + " ms");
        }
    }

    @Test
    void endlessHeadersFailWithProtocol() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(FakeRtspServer.endlessHeaders())) {
            RtspException e = failure(client.options(RtspSource.of(server.url("/")).withTimeouts(FAST)),
                    Duration.ofSeconds(5));
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }

    @Test
    void malformedResponsesFailWithProtocol() throws Exception {
        List<String> bad = List.of("\u0000\u0001garbage\r\n\r\n", Golden.response("malformed_status.txt", 1),
                "RTSP/1.0 200 OK\r\nCSeq: one\r\n\r\n", "RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 99999999\r\n\r\n");
        for (String response : bad) {
            try (FakeRtspServer server = FakeRtspServer.start(
                    FakeRtspServer.replyWith(response.getBytes(StandardCharsets.ISO_8859_1)))) {
                RtspException e = failure(client.options(RtspSource.of(server.url("/")).withTimeouts(FAST)),
                        Duration.ofSeconds(5));
                assertEquals(ErrorKind.PROTOCOL, e.kind(), response + " -> " + e.getMessage());
            }
        }
    }

    @Test
    void refusedConnectionIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RtspException e = failure(client.options(RtspSource.of("rtsp://127.0.0.1:" + port + "/")),
                Duration.ofSeconds(5));
        assertEquals(ErrorKind.UNREACHABLE, e.kind());
    }

    // Regression (monitor ProberIT): a server that closes right after accepting left a torn-down
    // pipeline and OPTIONS failed with a NullPointerException instead of UNREACHABLE.
    @Test
    void serverClosingRightAfterAcceptIsUnreachableOrRefusedNeverACrash() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!s.isClosed()) {
                    try {
                        s.accept().close();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "accept-and-close");
            closer.start();
            for (int i = 0; i < 30; i++) {
                RtspException e = failure(client.options(RtspSource.of("rtsp://127.0.0.1:" + s.getLocalPort() + "/")),
                        Duration.ofSeconds(5));
                assertTrue(e.kind() == ErrorKind.UNREACHABLE || e.kind() == ErrorKind.PROTOCOL, e.toString());
            }
        }
    }

    @Test
    void connectTimeoutWhenTheAcceptQueueIsFull() throws Exception {
        // Linux drops the SYN when a listener's accept queue is full, so connect() hangs: a loopback blackhole.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket f = new Socket();
                    try {
                        f.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(f);
                    } catch (SocketTimeoutException queueIsFull) {
                        f.close();
                        break;
                    }
                }
                Assumptions.assumeTrue(fillers.size() < 8, "this kernel does not drop SYNs on a full accept queue");
                long start = System.nanoTime();
                RtspException e = failure(client.options(RtspSource.of("rtsp://127.0.0.1:" + full.getLocalPort() + "/")
                        .withTimeouts(new RtspTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5),
                                Duration.ofSeconds(5)))), Duration.ofSeconds(5));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(ErrorKind.TIMEOUT, e.kind(), e.getMessage());
                assertTrue(millis >= 450 && millis < 3000, "failed after " + millis + " ms");
            } finally {
                for (Socket f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void stalledStreamEndsWithTimeout() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(new FakeCamera("admin", "s3cret", 5))) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "s3cret").withTimeouts(FAST);
            PlayingSession s = client.open(source, unit -> { }).get(5, TimeUnit.SECONDS);
            RtspException e = failure(s.terminated(), Duration.ofSeconds(5));
            assertEquals(ErrorKind.TIMEOUT, e.kind());
            assertTrue(e.getMessage().contains("no data"), e.getMessage());
        }
    }

    @Test
    void missingStreamIsNotFound() throws Exception {
        try (FakeRtspServer server = FakeRtspServer.start(FakeRtspServer.replyWith(
                "RTSP/1.0 404 Not Found\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            RtspException e = failure(client.open(RtspSource.of(server.url("/nope")), unit -> { }),
                    Duration.ofSeconds(5));
            assertEquals(ErrorKind.NOT_FOUND, e.kind());
            assertEquals("DESCRIBE " + server.url("/nope") + " CSeq 1: RTSP/1.0 404 Not Found", e.getMessage());
        }
    }
}
