package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.server.Json;

/**
 * Onboarding checks against simulated cameras on loopback, all started at once in {@link #runAll()}:
 * healthy (ONVIF and rtsp:// URLs), wrong password, down, SD only, clock drift, stalled stream, and a
 * TCP server that accepts and never answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingCheckIT {
    private static final OnboardingSettings SETTINGS = OnboardingSettings.DEFAULTS.withBudget(Duration.ofSeconds(20))
            .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(5));

    private SimulatedFleet fleet;
    private OnboardingService service;
    private ServerSocket silent;
    private ServerSocket garbage;
    private ServerSocket huge;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<OnboardingReport>> runs = new ConcurrentHashMap<>();
    private final Map<String, List<CheckResult>> progress = new ConcurrentHashMap<>();
    private final Map<String, Long> millis = new ConcurrentHashMap<>();

    @BeforeAll
    void runAll() throws IOException {
        fleet = SimulatedFleet.start(SimConfig.builder(7).build());
        service = new OnboardingService(2, 1, Clock.systemUTC());
        List<SimulatedCamera> cams = fleet.cameras();
        fleet.setFault(cams.get(1).id(), Fault.WRONG_PASSWORD);
        fleet.setFault(cams.get(2).id(), Fault.DOWN);
        fleet.setFault(cams.get(3).id(), Fault.SD_ONLY);
        fleet.setFault(cams.get(4).id(), Fault.clockDrift(Duration.ofSeconds(120)));
        fleet.setFault(cams.get(5).id(), Fault.STALL);
        silent = serve(held::add);
        garbage = serve(s -> answer(s, "SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] bigAnswer = new byte[3 << 20];
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: 3145728\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        huge = serve(s -> answer(s, head, bigAnswer));

        start("healthy", cams.get(0).onvifUrl(), cams.get(0));
        start("wrongPassword", cams.get(1).onvifUrl(), cams.get(1));
        start("down", cams.get(2).onvifUrl(), cams.get(2));
        start("sdOnly", cams.get(3).onvifUrl(), cams.get(3));
        start("clockDrift", cams.get(4).onvifUrl(), cams.get(4));
        start("stall", cams.get(5).onvifUrl(), cams.get(5));
        start("rtsp", cams.get(6).rtspMainUrl(), cams.get(6));
        start("rtspWrongPassword", cams.get(1).rtspMainUrl(), cams.get(1));
        start("silent", "http://127.0.0.1:" + silent.getLocalPort() + "/onvif/device_service", cams.get(0));
        start("garbage", "http://127.0.0.1:" + garbage.getLocalPort() + "/onvif/device_service", cams.get(0));
        start("huge", "http://127.0.0.1:" + huge.getLocalPort() + "/onvif/device_service", cams.get(0));
    }

    @AfterAll
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        silent.close();
        garbage.close();
        huge.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Test
    void healthyCameraPasses() throws Exception {
        OnboardingReport r = report("healthy");
        assertEquals("PASS", r.verdict(), r.toString());
        for (CheckResult c : r.checks()) {
            assertEquals(CheckStatus.PASS, c.status(), c.toString());
        }
        assertEquals("h264", r.stream().codec());
        assertEquals(1920, r.stream().width());
        assertEquals(1080, r.stream().height());
        assertEquals(25.0, r.stream().fps());
        assertTrue(r.stream().framesIn5s() >= 110 && r.stream().framesIn5s() <= 135, "framesIn5s " + r.stream().framesIn5s());
        assertEquals("Skynet", r.device().manufacturer());
        assertEquals(fleet.cameras().get(0).id(), r.device().serial());
        assertEquals(2, r.profiles().size());
        assertEquals(fleet.cameras().get(0).rtspMainUrl(), r.profiles().get(0).rtspUri());
        assertTrue(Math.abs(r.clockOffsetSeconds()) <= 1.5, "offset " + r.clockOffsetSeconds());
        assertTrue(r.snapshot().ok());
        assertTrue(r.snapshot().lumaStdDev() > 10);
        assertEquals(List.of("reachable", "onvif", "credentials", "device", "profiles", "resolution", "codec", "frames",
                "clock", "snapshot"), r.checks().stream().map(CheckResult::name).toList());
        assertEquals(10, progress.get("healthy").size(), "every check reported as progress");
    }

    @Test
    void documentHasTheAgreedShapeAndNoPassword() throws Exception {
        String json = new String(Json.write(report("healthy")), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of("verdict", "checks", "device", "profiles", "stream", "clockOffsetSeconds", "snapshot"),
                fieldNames(Json.MAPPER.readTree(json)));
        assertEquals(List.of("token", "name", "encoding", "width", "height", "fps", "rtspUri"),
                fieldNames(Json.MAPPER.readTree(json).get("profiles").get(0)));
        assertEquals(List.of("codec", "width", "height", "fps", "framesIn5s"),
                fieldNames(Json.MAPPER.readTree(json).get("stream")));
        assertFalse(json.contains(fleet.cameras().get(0).password()), json);
        for (String name : runs.keySet()) {
            String other = new String(Json.write(report(name)), java.nio.charset.StandardCharsets.UTF_8);
            assertFalse(other.contains("pass-0"), other);
        }
    }

    @Test
    void wrongPasswordFailsNamingTheStep() throws Exception {
        OnboardingReport r = report("wrongPassword");
        assertEquals("FAIL", r.verdict());
        CheckResult c = check(r, "credentials");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("GetDeviceInformation"), c.detail());
        assertEquals(CheckStatus.PASS, check(r, "onvif").status());
        assertEquals(CheckStatus.PASS, check(r, "clock").status(), "the clock is known before credentials are needed");
        assertEquals(CheckStatus.SKIP, check(r, "profiles").status());
    }

    @Test
    void downCameraIsRefused() throws Exception {
        OnboardingReport r = report("down");
        assertEquals("FAIL", r.verdict());
        CheckResult c = check(r, "reachable");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("refused"), c.detail());
        assertTrue(r.checks().stream().skip(1).allMatch(x -> x.status() == CheckStatus.SKIP), r.toString());
    }

    @Test
    void sdOnlyFailsOnResolution() throws Exception {
        OnboardingReport r = report("sdOnly");
        assertEquals("FAIL", r.verdict());
        CheckResult c = check(r, "resolution");
        assertEquals(CheckStatus.FAIL, c.status(), c.toString());
        assertTrue(c.detail().contains("640x360") && c.detail().contains("1920x1080"), c.detail());
        assertEquals(640, r.stream().width());
    }

    @Test
    void clockDriftIsFlagged() throws Exception {
        OnboardingReport r = report("clockDrift");
        CheckResult c = check(r, "clock");
        assertEquals(CheckStatus.FAIL, c.status(), c.toString());
        assertTrue(c.detail().contains("ahead"), c.detail());
        assertTrue(Math.abs(r.clockOffsetSeconds() - 120) <= 2, "offset " + r.clockOffsetSeconds());
        assertEquals(CheckStatus.PASS, check(r, "credentials").status(), "WS-Security uses the measured offset");
    }

    @Test
    void stalledStreamHasNoFrames() throws Exception {
        OnboardingReport r = report("stall");
        assertEquals("FAIL", r.verdict());
        CheckResult c = check(r, "frames");
        assertEquals(CheckStatus.FAIL, c.status(), c.toString());
        assertTrue(c.detail().contains("no frames"), c.detail());
    }

    @Test
    void rtspUrlSkipsOnvifSteps() throws Exception {
        OnboardingReport r = report("rtsp");
        assertEquals("PASS", r.verdict(), r.toString());
        for (String name : List.of("onvif", "device", "profiles", "clock")) {
            assertEquals(CheckStatus.SKIP, check(r, name).status(), name);
        }
        assertEquals(CheckStatus.PASS, check(r, "credentials").status());
        assertEquals(CheckStatus.PASS, check(r, "snapshot").status());
        assertNotNull(r.stream());
        assertEquals(List.of(), r.profiles());
    }

    @Test
    void rtspUrlWithWrongPasswordFailsAtDescribe() throws Exception {
        OnboardingReport r = report("rtspWrongPassword");
        assertEquals("FAIL", r.verdict());
        CheckResult c = check(r, "credentials");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("RTSP DESCRIBE"), c.detail());
    }

    @Test
    void silentServerFailsWithinTheTimeout() throws Exception {
        OnboardingReport r = report("silent");
        assertEquals("FAIL", r.verdict());
        assertEquals(CheckStatus.PASS, check(r, "reachable").status());
        CheckResult c = check(r, "onvif");
        assertEquals(CheckStatus.FAIL, c.status());
        assertTrue(c.detail().contains("no answer in time"), c.detail());
        assertTrue(millis.get("silent") < SETTINGS.budget().toMillis() + 1000, "took " + millis.get("silent") + " ms");
    }

    @Test
    void garbageAndHugeAnswersFailWithAReason() throws Exception {
        CheckResult g = check(report("garbage"), "onvif");
        assertEquals(CheckStatus.FAIL, g.status(), g.toString());
        assertTrue(g.detail().contains("GetSystemDateAndTime"), g.detail());
        CheckResult h = check(report("huge"), "onvif");
        assertEquals(CheckStatus.FAIL, h.status(), h.toString());
        assertTrue(h.detail().contains("too large"), h.detail());
        assertTrue(millis.get("huge") < SETTINGS.budget().toMillis(), "took " + millis.get("huge") + " ms");
    }

    /** A loopback TCP server whose every accepted connection gets {@code behaviour} on its own thread. */
    private static ServerSocket serve(java.util.function.Consumer<Socket> behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> behaviour.accept(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-camera-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Reads the request head, writes the parts, closes. */
    private static void answer(Socket s, byte[]... parts) {
        try (s) {
            s.getInputStream().read(new byte[8192]);
            for (byte[] p : parts) {
                s.getOutputStream().write(p);
            }
        } catch (IOException e) {
            // the client hung up first, which is what a size limit does
        }
    }

    private void start(String name, String url, SimulatedCamera cam) {
        List<CheckResult> seen = new CopyOnWriteArrayList<>();
        progress.put(name, seen);
        long t0 = System.nanoTime();
        runs.put(name, service.check(OnboardingTarget.parse(url, cam.username(), cam.password()), SETTINGS, seen::add)
                .whenComplete((r, e) -> millis.put(name, (System.nanoTime() - t0) / 1_000_000)));
    }

    private OnboardingReport report(String name) throws Exception {
        return runs.get(name).get(SETTINGS.budget().toSeconds() + 5, TimeUnit.SECONDS);
    }

    private static CheckResult check(OnboardingReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
