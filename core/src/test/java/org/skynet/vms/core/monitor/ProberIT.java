package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspConnection;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;

/**
 * The RTSP and ONVIF probers against simulated cameras and hand-made bad servers on loopback: every
 * outcome the monitor relies on, with its plain-language detail.
 */
class ProberIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static EventLoopGroup group;
    private static SimulatedFleet fleet;
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // Fixed ports: a camera healed after DOWN binds its ports again (FreePortBlock).
        int base = FreePortBlock.find(28_000, 36_000, 4, 10);
        fleet = SimulatedFleet.start(SimConfig.builder(4).ports("127.0.0.1", base, base + 10).build());
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void heal() throws Exception {
        fleet.cameras().forEach(c -> fleet.setFault(c.id(), Fault.NONE));
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    @Test
    void healthyCameraIsOkOverRtspAndOnvif() {
        SimulatedCamera cam = fleet.cameras().get(0);
        ProbeResult r = probe(new CameraProber(rtsp(), onvif()), target(cam));
        assertEquals(ProbeOutcome.OK, r.outcome(), r.detail());
        assertTrue(r.latencyMillis() < TIMEOUT.toMillis(), r.toString());
    }

    @Test
    void manyConcurrentProbesShareTwoEventLoops() {
        RtspProber prober = new RtspProber(group, Duration.ofSeconds(10), 1_000_000);
        List<java.util.concurrent.CompletableFuture<ProbeResult>> running = new java.util.ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            SimulatedCamera cam = fleet.cameras().get(i % fleet.cameras().size());
            ProbeTarget t = new ProbeTarget("c" + i, URI.create(cam.rtspMainUrl()), null, cam.username(), cam.password(),
                    Duration.ofSeconds(60));
            running.add(prober.probe(t, 0).toCompletableFuture());
        }
        List<ProbeResult> results = running.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        long ok = results.stream().filter(r -> r.outcome() == ProbeOutcome.OK).count();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("ProberIT: %d concurrent RTSP DESCRIBE probes on 2 event loops in %d ms, slowest %d ms%n", results.size(), millis,
                results.stream().mapToLong(ProbeResult::latencyMillis).max().orElse(0));
        assertEquals(100, ok, () -> results.stream().filter(r -> r.outcome() != ProbeOutcome.OK).limit(3).toList().toString());
    }

    @Test
    void keptConnectionAnswersLaterProbesAndANewOneReplacesItWhenTheCameraClosesIt() {
        // Shared listeners: DOWN closes the camera's connections, NONE heals it without binding ports again.
        try (SimulatedFleet shared = SimulatedFleet.start(SimConfig.builder(1).paths("127.0.0.1", 0, 0).idPrefix("kept-").build());
             RtspProber prober = new RtspProber(group, TIMEOUT, 5, 10, Duration.ofMinutes(1))) {
            SimulatedCamera cam = shared.cameras().get(0);
            ProbeTarget t = target(cam);
            for (int i = 0; i < 5; i++) {
                assertEquals(ProbeOutcome.OK, probe(prober, t, i).outcome());
            }
            assertEquals(4, prober.reusedConnections(), "one connection for five probes");
            assertEquals(5, cam.optionsReceived() + cam.describesReceived(), "one request per probe");
            assertTrue(cam.describesReceived() >= 1 && cam.describesReceived() <= 2,
                    "a DESCRIBE first and one in every five: " + cam.describesReceived());

            shared.setFault(cam.id(), Fault.DOWN); // closes every connection of the camera
            shared.setFault(cam.id(), Fault.NONE);
            ProbeResult r = probe(prober, t);
            assertEquals(ProbeOutcome.OK, r.outcome(), "a new connection after the camera closed the kept one: " + r.detail());
        }
    }

    @Test
    void aConnectionKeptForManyProbesDoesNotCollectACallbackPerProbe() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(2);
        RtspConnection c = new RtspClient(group).connect(RtspSource.of(cam.rtspMainUrl())).get(5, TimeUnit.SECONDS);
        try (ProbeConnections pool = new ProbeConnections(group, 10, Duration.ofMinutes(1))) {
            pool.watch(cam.id(), c);
            int watching = c.terminated().getNumberOfDependents();
            for (int i = 0; i < 1_000; i++) {
                pool.offer(cam.id(), c);
                assertEquals(c, pool.take(cam.id()));
            }
            assertEquals(watching, c.terminated().getNumberOfDependents(), "one watch per connection, none per probe");
            pool.offer(cam.id(), c);
            c.reset().get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pool.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, pool.size(), "dropped from the pool once closed");
        }
    }

    @Test
    void aKeptConnectionUnusedForTheIdleTimeIsClosed() throws InterruptedException {
        try (SimulatedFleet shared = SimulatedFleet.start(SimConfig.builder(1).paths("127.0.0.1", 0, 0).idPrefix("idle-").build());
             RtspProber prober = new RtspProber(group, TIMEOUT, 5, 10, Duration.ofMillis(400))) {
            SimulatedCamera cam = shared.cameras().get(0);
            assertEquals(ProbeOutcome.OK, probe(prober, target(cam)).outcome());
            assertEquals(1, cam.openConnections(), "kept after the probe");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (cam.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, cam.openConnections(), "closed once unused for the idle time (at most 1.25 times it)");
            assertEquals(ProbeOutcome.OK, probe(prober, target(cam)).outcome(), "the next probe opens a new one");
            assertEquals(0, prober.reusedConnections());
        }
    }

    @Test
    void latencyIsTheCameraAnswerTimeNotOurQueueing() {
        SimulatedCamera cam = fleet.cameras().get(3);
        fleet.setFault(cam.id(), Fault.slow(Duration.ofMillis(600)));
        try (RtspProber prober = new RtspProber(group, TIMEOUT, 1, 10, Duration.ofMinutes(1))) {
            ProbeResult slow = probe(prober, target(cam));
            assertTrue(slow.latencyMillis() >= 600, "a slow camera is slow: " + slow);
            fleet.setFault(cam.id(), Fault.NONE);
            // Keep one event loop busy for a second: a probe waiting for it is not the camera's slowness.
            group.forEach(loop -> loop.execute(() -> LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1))));
            ProbeResult queued = probe(prober, target(cam));
            assertEquals(ProbeOutcome.OK, queued.outcome(), queued.detail());
            assertTrue(queued.latencyMillis() < 500, "queueing on our event loops is not latency: " + queued);
        }
    }

    @Test
    void downCameraIsUnreachable() {
        SimulatedCamera cam = fleet.cameras().get(1);
        fleet.setFault(cam.id(), Fault.DOWN);
        ProbeResult r = probe(rtsp(), target(cam));
        assertEquals(ProbeOutcome.UNREACHABLE, r.outcome(), r.detail());
        assertEquals("connection refused by 127.0.0.1:" + cam.rtspPort(), r.detail());
        assertEquals(ProbeOutcome.UNREACHABLE, probe(onvif(), target(cam)).outcome());
    }

    @Test
    void refusingCameraIsUnreachable() {
        SimulatedCamera cam = fleet.cameras().get(1);
        fleet.setFault(cam.id(), Fault.REFUSING);
        ProbeResult r = probe(rtsp(), target(cam));
        assertEquals(ProbeOutcome.UNREACHABLE, r.outcome(), r.detail());
    }

    @Test
    void unknownStreamPathIsStreamMissing() {
        SimulatedCamera cam = fleet.cameras().get(1);
        ProbeTarget t = new ProbeTarget(cam.id(), URI.create(cam.rtspMainUrl().replace("/main", "/no-such-stream")), null,
                cam.username(), cam.password(), Duration.ofSeconds(60));
        ProbeResult r = probe(rtsp(), t);
        assertEquals(ProbeOutcome.STREAM_MISSING, r.outcome(), r.detail());
        CameraHealthStates states = new CameraHealthStates(HealthPolicy.DEFAULT);
        StateChange c = states.probed(cam.id(), Instant.parse("2026-11-26T07:00:00Z"), r).orElseThrow();
        assertEquals(HealthState.DEGRADED, c.to());
        assertTrue(c.reason().startsWith("stream missing: "), c.reason());
    }

    @Test
    void wrongPasswordIsAuthFailedOnTheDescribe() {
        SimulatedCamera cam = fleet.cameras().get(2);
        fleet.setFault(cam.id(), Fault.WRONG_PASSWORD);
        ProbeResult r = probe(rtsp(), target(cam));
        assertEquals(ProbeOutcome.AUTH_FAILED, r.outcome(), r.detail());
        assertTrue(r.detail().contains("401"), r.detail());
    }

    @Test
    void slowCameraIsDegradedByTheStateMachine() {
        SimulatedCamera cam = fleet.cameras().get(3);
        RtspProber prober = rtsp();
        assertEquals(ProbeOutcome.OK, probe(prober, target(cam)).outcome(), "the first probe (DESCRIBE) while healthy");
        fleet.setFault(cam.id(), Fault.slow(Duration.ofMillis(1200)));
        ProbeResult r = probe(prober, target(cam), 1);
        assertEquals(ProbeOutcome.OK, r.outcome(), r.detail());
        assertTrue(r.latencyMillis() >= 1200, r.toString());
        CameraHealthStates states = new CameraHealthStates(new HealthPolicy(3, 2, 1000));
        Instant now = Instant.parse("2026-11-26T07:00:00Z");
        assertEquals(HealthState.DEGRADED, states.probed(cam.id(), now, r).orElseThrow().to());
    }

    @Test
    void clockDriftBeyondFiveSecondsIsReported() {
        SimulatedCamera cam = fleet.cameras().get(0);
        fleet.setFault(cam.id(), Fault.clockDrift(Duration.ofSeconds(30)));
        ProbeResult r = probe(onvif(), target(cam));
        assertEquals(ProbeOutcome.CLOCK_DRIFT, r.outcome(), r.detail());
        assertTrue(r.detail().contains("ahead"), r.detail());
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        servers.add(() -> {
            silent.close();
            for (Socket s : accepted) {
                s.close();
            }
        });
        ProbeTarget t = new ProbeTarget("silent", URI.create("rtsp://127.0.0.1:" + silent.getLocalPort() + "/main"),
                null, "admin", "x", Duration.ofSeconds(60));
        long start = System.nanoTime();
        ProbeResult r = probe(rtsp(), t);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ProbeOutcome.TIMEOUT, r.outcome(), r.detail());
        assertTrue(r.detail().endsWith("no answer within 2 s"), r.detail());
        assertTrue(tookMillis < TIMEOUT.toMillis() + 1000, "took " + tookMillis + " ms");
    }

    @Test
    void aProbeConnectionEndsWithAResetSoNoTimeWaitIsLeftOnOurSide() throws Exception {
        ServerSocket camera = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.add(camera::close);
        java.util.concurrent.CompletableFuture<String> end = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (Socket s = camera.accept()) {
                java.io.BufferedReader in = new java.io.BufferedReader(
                        new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String cseq = "1";
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    if (line.startsWith("CSeq:")) {
                        cseq = line.substring(5).trim();
                    }
                }
                String sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=cam\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n"
                        + "a=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n";
                s.getOutputStream().write(("RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\nContent-Type: application/sdp\r\n"
                        + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp).getBytes(StandardCharsets.US_ASCII));
                end.complete(in.read() < 0 ? "closed with FIN" : "more data");
            } catch (IOException e) {
                end.complete(e.getMessage());
            }
        });
        t.setDaemon(true);
        t.start();
        ProbeTarget target = new ProbeTarget("rst", URI.create("rtsp://127.0.0.1:" + camera.getLocalPort() + "/main"),
                null, null, null, Duration.ofSeconds(60));
        RtspProber prober = new RtspProber(group, TIMEOUT, 1_000_000);
        ProbeResult r = probe(prober, target);
        assertEquals(ProbeOutcome.OK, r.outcome(), r.detail());
        assertEquals("Connection reset", end.get(5, TimeUnit.SECONDS), "the camera sees a reset, not a FIN");
    }

    @Test
    void garbageIsProtocol() throws Exception {
        ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = garbage.accept();
                    accepted.add(s);
                    s.getInputStream().read(new byte[512]);
                    OutputStream out = s.getOutputStream();
                    out.write("RTSP/1.0 2xx what?\r\nCSeq: 1\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        t.setDaemon(true);
        t.start();
        servers.add(() -> {
            garbage.close();
            for (Socket s : accepted) {
                s.close();
            }
        });
        ProbeTarget target = new ProbeTarget("garbage", URI.create("rtsp://127.0.0.1:" + garbage.getLocalPort() + "/main"),
                null, null, null, Duration.ofSeconds(60));
        ProbeResult r = probe(rtsp(), target);
        assertEquals(ProbeOutcome.PROTOCOL, r.outcome(), r.detail());
    }

    private static RtspProber rtsp() {
        return new RtspProber(group, TIMEOUT, 5);
    }

    private static OnvifProber onvif() {
        return new OnvifProber(group, Clock.systemUTC(), TIMEOUT, Duration.ofSeconds(5));
    }

    private static ProbeTarget target(SimulatedCamera cam) {
        return new ProbeTarget(cam.id(), URI.create(cam.rtspMainUrl()), URI.create(cam.onvifUrl()), cam.username(),
                cam.password(), Duration.ofSeconds(60));
    }

    /** A first probe of the camera (deeper checks included). */
    private static ProbeResult probe(Prober p, ProbeTarget t) {
        return probe(p, t, 0);
    }

    private static ProbeResult probe(Prober p, ProbeTarget t, int okInARow) {
        return p.probe(t, okInARow).toCompletableFuture().orTimeout(TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS).join();
    }
}
