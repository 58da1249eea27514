package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * {@code benchmarks/run live [--cameras 50] [--viewers 500] [--seconds 20]}: the whole server on the
 * embedded H2 and a simulated fleet in this JVM, cameras not recorded (so viewers open their sessions),
 * viewers on the JDK WebSocket client spread round-robin over the cameras, plus one deliberately slow
 * viewer (reads its first message, then nothing). Reports upstream RTSP connections (must equal
 * cameras), time from request to the first media fragment (p50, p99), added latency from access-unit
 * arrival to the fragment written to the socket (server side, p50, p99), CPU per viewer (marginal: CPU
 * per second with all viewers minus with one viewer per camera, divided by the extra viewers; the
 * simulator's threads are left out, the WebSocket client's are left out too), fragments per second of
 * the fast viewers, and what the slow viewer got. Progress on stderr; the last stdout line is JSON.
 */
public final class LiveScenario {
    private static final String[] NOT_SERVER_THREADS = {"vms-sim", "HttpClient"};

    private LiveScenario() {
    }

    /** One test viewer: counts messages and notes when its first media fragment came. */
    private static final class Viewer implements WebSocket.Listener {
        final long requestNanos = System.nanoTime();
        final boolean slow;
        final AtomicLong binaries = new AtomicLong();
        final AtomicLong messages = new AtomicLong();
        volatile long firstFragmentNanos = -1;
        WebSocket socket;

        Viewer(boolean slow) {
            this.slow = slow;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return message(webSocket, last, false);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            return message(webSocket, last, true);
        }

        private CompletionStage<?> message(WebSocket webSocket, boolean last, boolean binary) {
            if (last) {
                messages.incrementAndGet();
                if (binary && binaries.incrementAndGet() == 2) { // after the init segment
                    firstFragmentNanos = System.nanoTime();
                }
            }
            if (!slow) {
                webSocket.request(1);
            }
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        int cameras = intOption(args, "--cameras", 50);
        int viewers = Math.max(cameras, intOption(args, "--viewers", 500));
        int seconds = intOption(args, "--seconds", 20);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path data = Files.createTempDirectory("vms-bench-live");
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).paths("127.0.0.1", 0, 0)
                .eventLoopThreads(1).build());
                VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(),
                        "bind", "127.0.0.1", "monitor.enabled", "false", "camera-events.enabled", "false")),
                        VmsApplication.Mode.DEMO, Clock.systemUTC())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String technician = login(http, app.port(), "technician");
            for (SimulatedCamera c : fleet.cameras()) {
                createCamera(http, app.port(), technician, c);
            }
            String operator = login(http, app.port(), "operator");
            progress("%d cameras registered; %d processors", cameras, Runtime.getRuntime().availableProcessors());

            List<Viewer> all = new ArrayList<>();
            for (int i = 0; i < cameras; i++) {
                all.add(open(http, app.port(), operator, fleet.cameras().get(i).id(), false));
            }
            awaitFirstFragments(all, 30);
            Thread.sleep(3000);
            double cpuOneEach = cpuPerSecond(os, threads, 10);
            progress("one viewer per camera: %.3f CPU s/s", cpuOneEach);
            for (int i = cameras; i < viewers; i++) {
                all.add(open(http, app.port(), operator, fleet.cameras().get(i % cameras).id(), false));
            }
            Viewer slow = open(http, app.port(), operator, fleet.cameras().get(0).id(), true);
            awaitFirstFragments(all, 60);
            Thread.sleep(3000);
            app.liveService().latency().reset();
            long fragmentsBefore = all.stream().mapToLong(v -> v.binaries.get()).sum();
            double cpuAll = cpuPerSecond(os, threads, seconds);
            long fragments = all.stream().mapToLong(v -> v.binaries.get()).sum() - fragmentsBefore;
            int upstream = fleet.cameras().stream().mapToInt(SimulatedCamera::openConnections).sum();
            double[] firstFrame = all.stream().filter(v -> v.firstFragmentNanos > 0)
                    .mapToDouble(v -> (v.firstFragmentNanos - v.requestNanos) / 1e6).sorted().toArray();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cameras", cameras);
            out.put("viewers", viewers);
            out.put("upstreamConnections", upstream);
            out.put("viewersWithVideo", firstFrame.length);
            out.put("firstFrameMillisP50", round(percentile(firstFrame, 50)));
            out.put("firstFrameMillisP99", round(percentile(firstFrame, 99)));
            out.put("addedLatencyMillisP50", round(app.liveService().latency().percentileMillis(50)));
            out.put("addedLatencyMillisP99", round(app.liveService().latency().percentileMillis(99)));
            out.put("cpuPercentPerViewer", round(100 * (cpuAll - cpuOneEach) / (viewers - cameras)));
            out.put("serverCpuPercentAllViewers", round(100 * cpuAll));
            out.put("fragmentsPerSecondPerViewer", round(fragments / (double) seconds / viewers));
            out.put("slowViewerMessages", slow.messages.get());
            progress("slow viewer read %d messages and stopped; fast viewers kept %.1f fragments/s each",
                    slow.messages.get(), fragments / (double) seconds / viewers);
            StringBuilder json = new StringBuilder("{");
            out.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v));
            all.forEach(v -> v.socket.abort());
            slow.socket.abort();
            System.out.println(json.append('}'));
        }
    }

    private static Viewer open(HttpClient http, int port, String token, String cameraId, boolean slow) {
        Viewer v = new Viewer(slow);
        v.socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/cameras/" + cameraId + "/live"), v)
                .orTimeout(30, TimeUnit.SECONDS).join();
        return v;
    }

    private static void awaitFirstFragments(List<Viewer> viewers, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (viewers.stream().anyMatch(v -> v.firstFragmentNanos < 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        progress("%d of %d viewers have video", viewers.stream().filter(v -> v.firstFragmentNanos > 0).count(),
                viewers.size());
    }

    /** Server CPU seconds per second over a window: this process minus the simulator and the WebSocket client. */
    private static double cpuPerSecond(com.sun.management.OperatingSystemMXBean os, ThreadMXBean threads,
            int seconds) throws InterruptedException {
        double cpu0 = serverCpuSeconds(os, threads);
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        return (serverCpuSeconds(os, threads) - cpu0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static double serverCpuSeconds(com.sun.management.OperatingSystemMXBean os, ThreadMXBean threads) {
        long others = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && Arrays.stream(NOT_SERVER_THREADS).anyMatch(info.getThreadName()::startsWith)) {
                others += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return (os.getProcessCpuTime() - others) / 1e9;
    }

    private static void createCamera(HttpClient http, int port, String token, SimulatedCamera c) throws Exception {
        String body = "{\"id\":\"" + c.id() + "\",\"name\":\"" + c.id() + "\",\"district\":\"d1\",\"lat\":23.01,"
                + "\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"" + c.rtspMainUrl()
                + "\",\"username\":\"" + c.username() + "\",\"password\":\"" + c.password() + "\"}";
        HttpResponse<String> r = http.send(request(port, "/api/cameras", token, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating camera " + c.id() + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static String login(HttpClient http, int port, String user) throws Exception {
        HttpResponse<String> r = http.send(request(port, "/api/session", null,
                "{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}"), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login as " + user + " failed: " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    private static HttpRequest request(int port, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1))];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void progress(String format, Object... values) {
        System.err.println(Instant.now() + " live: " + String.format(Locale.ROOT, format, values));
    }
}
