package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;
import static org.skynet.vms.load.ScenarioOptions.stringOption;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.monitor.CameraHealth;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.server.Json;

/**
 * {@code benchmarks/run monitor [--cameras N] [--interval-seconds S] [--timeout-seconds T] [--steady-minutes M]
 * [--down D] [--baseline-threads B] [--max-in-flight F] [--kept-connections K] [--onvif-every E] [--db pg|h2]}: the health monitor against a simulated
 * city. The cameras run in a child process ({@link MonitorFleet}: a {@code PATHS}-mode fleet, one RTSP and one ONVIF
 * listener for all), so this JVM's heap, collector, CPU and descriptors are the server's alone; here: the
 * server in DEMO mode on loopback with a fresh PostgreSQL schema ({@code VMS_BENCH_DB_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code VMS_BENCH_DB_USER}) or the embedded H2, the cameras
 * imported over {@code POST /api/cameras:import}, and an operator's {@code /api/events} WebSocket. Phases: the
 * first sweep (every camera probed once and ONLINE, from UNKNOWN: {@code firstSweepSeconds}), a steady run counting
 * false alarms and timing full sweeps as the cameras see them (from a moment until every camera has had an OPTIONS
 * or DESCRIBE, back to back through the steady run; the first, the monitor catching up after the cold first sweep,
 * is {@code catchUpSweepSeconds}, and {@code sweepSeconds} is the longest of the others), {@code D} cameras taken
 * DOWN at once (time to OFFLINE, split into the wait for each camera's next probe as the camera saw it and the
 * confirmation from there, then to the alarm on the WebSocket), and a blocking thread-per-probe baseline
 * sweeping the same cameras. The interval is 30 s unless given, and {@code benchmarks/run} gives this scenario a 1 GiB
 * heap unless {@code BENCH_JAVA_OPTS} says otherwise: the targets are stated for both. CPU, heap and RSS are this
 * process's; the cameras' process CPU is reported beside
 * ({@code fleetCpuSecondsPerSweep}). Progress goes to
 * stderr; the last stdout line is one JSON object of figures.
 */
public final class MonitorScenario {
    private MonitorScenario() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = intOption(args, "--cameras", 160_000);
        // The target is a full sweep of the city within 30 s: every camera probed every 30 s (the server's
        // own default interval is 60 s).
        int interval = intOption(args, "--interval-seconds", 30);
        int timeout = intOption(args, "--timeout-seconds", 5);
        int steadyMinutes = intOption(args, "--steady-minutes", 10);
        int down = Math.min(cameras, intOption(args, "--down", 1000));
        int baselineThreads = intOption(args, "--baseline-threads", 200);
        // Every probe holds up to two sockets (RTSP and ONVIF): in flight and kept connections stay well under the
        // sandbox's 20,000 descriptors per process (the cameras' ends are in the fleet's process).
        int maxInFlight = intOption(args, "--max-in-flight", 2000);
        int kept = intOption(args, "--kept-connections", 12_000);
        int onvifEvery = intOption(args, "--onvif-every", 10);
        String db = stringOption(args, "--db", "pg");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        long t0 = System.nanoTime();
        MonitorFleet.Client fleet = new MonitorFleet.Client(MonitorFleet.start(cameras));
        progress("fleet of %,d cameras up in its own process in %.2f s", cameras, secondsSince(t0));

        Path data = Files.createTempDirectory("vms-bench-monitor");
        String pgUrl = env("VMS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = env("VMS_BENCH_DB_USER", "postgres");
        Map<String, String> flags = new HashMap<>(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "monitor.interval-seconds", Integer.toString(interval),
                "monitor.timeout-seconds", Integer.toString(timeout), "monitor.max-in-flight", Integer.toString(maxInFlight),
                "monitor.registry-poll-seconds", "86400", "monitor.kept-connections", Integer.toString(kept),
                "monitor.onvif-every", Integer.toString(onvifEvery)));
        BenchSchema schema = null;
        if (db.equals("pg")) {
            schema = BenchSchema.create(pgUrl, pgUser, "bench_monitor_");
            flags.putAll(Map.of("db.url", pgUrl + (pgUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true",
                    "db.user", pgUser, "db.schema", schema.name()));
        }
        HealthObserver observer = new HealthObserver();
        EventLoopGroup monitorGroup = new MultiThreadIoEventLoopGroup(2, EventLoopTransport.best().ioHandlerFactory());
        String result;
        try (VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO,
                Clock.systemUTC())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String technician = login(http, app.port(), "technician");
            long i0 = System.nanoTime();
            HttpResponse<String> imported = send(http, app.port(), technician, "POST", "/api/cameras:import", fleet.importFile());
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("import failed: " + imported.statusCode() + " " + clip(imported.body()));
            }
            progress("imported %,d cameras over HTTP (%s) in %.1f s", cameras, db, secondsSince(i0));

            WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + login(http, app.port(), "operator"))
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/api/events"), observer).get(10, TimeUnit.SECONDS);
            app.monitorService().onChange(observer::stateChanged);

            // First sweep: the registry is read at once, first probes are spread over one interval.
            double cpu0 = ownCpuSeconds(os);
            long s0 = System.nanoTime();
            app.monitorService().start(monitorGroup);
            long sweepDeadline = s0 + TimeUnit.SECONDS.toNanos(3L * interval + 2L * timeout + 60);
            while (observer.onlineCount() < cameras && System.nanoTime() < sweepDeadline) {
                sleep(5, () -> progress("first sweep: %,d of %,d ONLINE after %.0f s, %d false transitions",
                        observer.onlineCount(), cameras, secondsSince(s0), observer.falseTransitions()));
            }
            double firstSweepSeconds = (observer.lastOnlineNanos() - s0) / 1e9;
            double firstSweepCpu = ownCpuSeconds(os) - cpu0;
            int online = observer.onlineCount();
            progress("first sweep: %,d of %,d ONLINE in %.1f s, %.1f CPU s (monitor+server)", online, cameras,
                    firstSweepSeconds, firstSweepCpu);

            int firstSweepFalseAlarms = observer.falseAlarms();
            int firstSweepFalseTransitions = observer.falseTransitions();
            double cpu1 = ownCpuSeconds(os);
            double fleetCpu1 = fleet.cpuSeconds();
            long st0 = System.nanoTime();
            long steadyEnd = st0 + TimeUnit.MINUTES.toNanos(steadyMinutes);
            // A full sweep, seen from the cameras: from a moment on, until every camera has had a probe request. The
            // first, right after the cold first sweep, is the monitor catching up with the probes that sweep left
            // overdue: reported apart (catchUpSweepSeconds) from the steady pace (sweepSeconds, the longest of the rest).
            double catchUpSweep = 0;
            double steadySweepMax = 0;
            int steadySweeps = 0;
            while (System.nanoTime() < steadyEnd) {
                long w0 = System.nanoTime();
                double w = fleet.sweepSeconds(TimeUnit.NANOSECONDS.toSeconds(steadyEnd - w0));
                if (w < 0) {
                    break;
                }
                steadySweeps++;
                if (steadySweeps == 1) {
                    catchUpSweep = w;
                } else {
                    steadySweepMax = Math.max(steadySweepMax, w);
                }
                progress("steady: %.0f s, sweep %d took %.2f s, %d false alarms, %d false transitions, heap used %d MiB",
                        secondsSince(st0), steadySweeps, w, observer.falseAlarms(),
                        observer.falseTransitions(), heapUsedMiB());
            }
            while (System.nanoTime() < steadyEnd) {
                Thread.sleep(200);
            }
            double steadySeconds = secondsSince(st0);
            double cpuPerSweep = (ownCpuSeconds(os) - cpu1) / (steadySeconds / interval);
            double fleetCpuPerSweep = (fleet.cpuSeconds() - fleetCpu1) / (steadySeconds / interval);
            int falseAlarms = observer.falseAlarms() - firstSweepFalseAlarms;
            int falseTransitions = observer.falseTransitions() - firstSweepFalseTransitions;
            progress("steady %.0f s: %.2f CPU s per %d s sweep (the cameras' process: %.2f), %d false alarms, %d false"
                    + " transitions", steadySeconds, cpuPerSweep, interval, fleetCpuPerSweep, falseAlarms, falseTransitions);

            List<String[]> all = fleet.cameras();
            List<String> downIds = new ArrayList<>(down);
            for (int i = 0; i < down; i++) {
                downIds.add(all.get((int) ((long) i * cameras / down))[0]);
            }
            observer.faultsSet(downIds);
            long d0 = System.nanoTime();
            fleet.setFault(downIds, "down");
            long downDeadline = d0 + TimeUnit.SECONDS.toNanos(4L * interval + 4L * timeout + 30);
            while (!allSeen(observer, downIds) && System.nanoTime() < downDeadline) {
                sleep(5, () -> progress("down: %d of %d OFFLINE, %d alarms on the WebSocket after %.0f s",
                        downIds.stream().filter(id -> observer.offlineAt(id) != null).count(), down,
                        downIds.stream().filter(id -> observer.alarmAt(id) != null).count(), secondsSince(d0)));
            }
            double detectionMax = 0;
            double alarmDelayMax = 0;
            int detected = 0;
            int alarmed = 0;
            for (String id : downIds) {
                Long off = observer.offlineAt(id);
                Long alarm = observer.alarmAt(id);
                if (off != null) {
                    detected++;
                    detectionMax = Math.max(detectionMax, (off - d0) / 1e9);
                    if (alarm != null) {
                        alarmed++;
                        alarmDelayMax = Math.max(alarmDelayMax, (alarm - off) / 1e9);
                    }
                }
            }
            progress("down: %d of %d OFFLINE within %.1f s, %d alarms within %.3f s of detection", detected, down,
                    detectionMax, alarmed, alarmDelayMax);
            // Detection in two parts: the wait for the camera's next probe (seen by the camera: its first turned-away
            // connection or request since the fault) and the confirmation from there to OFFLINE.
            long[] firstProbe = fleet.firstRefusals();
            double nextProbeMax = 0;
            double confirmMax = 0;
            for (int i = 0; i < firstProbe.length; i++) {
                Long off = observer.offlineAt(downIds.get(i));
                if (firstProbe[i] > 0 && off != null) {
                    nextProbeMax = Math.max(nextProbeMax, (firstProbe[i] - d0) / 1e9);
                    confirmMax = Math.max(confirmMax, (off - firstProbe[i]) / 1e9);
                }
            }
            progress("down: first probe after the fault within %.1f s, from there to OFFLINE within %.1f s", nextProbeMax,
                    confirmMax);
            long notOnline = app.monitorService().states().all().stream().map(CameraHealth::state)
                    .filter(s -> s != HealthState.ONLINE && s != HealthState.OFFLINE).count();
            ws.abort();

            fleet.setFault(downIds, "none");
            app.monitorService().close();
            List<String> urls = all.stream().map(c -> c[1]).toList();
            progress("baseline: %d blocking threads sweeping %,d cameras with OPTIONS...", baselineThreads, cameras);
            double cpuB = ownCpuSeconds(os);
            BlockingRtspBaseline.Sweep baseline = new BlockingRtspBaseline(baselineThreads, Duration.ofSeconds(timeout))
                    .sweep(urls);
            double baselineCpu = ownCpuSeconds(os) - cpuB;
            progress("baseline: %.1f s, %.1f CPU s (%d ok, %d failed)", baseline.seconds(), baselineCpu, baseline.ok(),
                    baseline.failed());

            result = String.format(Locale.ROOT, "{\"scenario\":\"monitor\",\"cameras\":%d,\"intervalSeconds\":%d,"
                    + "\"timeoutSeconds\":%d,\"fleetCpuSecondsPerSweep\":%.2f,\"maxInFlight\":%d,\"keptConnections\":%d,\"onvifEvery\":%d,\"db\":\"%s\",\"sweepSeconds\":%.2f,\"catchUpSweepSeconds\":%.2f,\"steadySweeps\":%d,\"firstSweepSeconds\":%.2f,\"sweepOnline\":%d,"
                    + "\"firstSweepCpuSeconds\":%.2f,\"cpuSecondsPerSweep\":%.2f,\"steadySeconds\":%.0f,"
                    + "\"peakHeapMiB\":%d,\"peakRssMiB\":%d,\"down\":%d,\"detected\":%d,\"detectionSecondsMax\":%.2f,"
                    + "\"downNextProbeSecondsMax\":%.2f,\"downConfirmSecondsMax\":%.2f,"
                    + "\"alarms\":%d,\"alarmDelaySecondsMax\":%.3f,\"falseAlarms\":%d,\"falseTransitions\":%d,\"firstSweepFalseAlarms\":%d,\"firstSweepFalseTransitions\":%d,"
                    + "\"otherStatesAtEnd\":%d,\"blockingBaselineThreads\":%d,\"blockingBaselineSweepSeconds\":%.2f,"
                    + "\"blockingBaselineOk\":%d,\"blockingBaselineCpuSeconds\":%.2f,\"baselineToMonitorCpuRatio\":%.2f,"
                    + "\"cpus\":%d,\"jdk\":\"%s\","
                    + "\"maxHeapMiB\":%d,\"loadAverage\":%.2f}",
                    cameras, interval, timeout, fleetCpuPerSweep, maxInFlight, kept, onvifEvery, db, steadySweepMax, catchUpSweep, steadySweeps, firstSweepSeconds, online, firstSweepCpu, cpuPerSweep,
                    steadySeconds, peakHeapMiB(), peakRssMiB(), down, detected, detectionMax, nextProbeMax, confirmMax, alarmed, alarmDelayMax,
                    falseAlarms, falseTransitions, firstSweepFalseAlarms, firstSweepFalseTransitions, notOnline, baselineThreads, baseline.seconds(), baseline.ok(),
                    baselineCpu, baselineCpu / cpuPerSweep, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, os.getSystemLoadAverage());
        } finally {
            monitorGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            fleet.close();
            if (schema != null) {
                schema.close();
            }
            FileTrees.delete(data);
        }
        System.out.println(result);
        System.exit(0);
    }

    private static boolean allSeen(HealthObserver observer, List<String> ids) {
        return ids.stream().allMatch(id -> observer.offlineAt(id) != null && observer.alarmAt(id) != null);
    }

    /** The import file: one row per simulated camera with its URLs and its own credentials. */
    static byte[] csv(SimulatedFleet fleet) {
        StringBuilder sb = new StringBuilder(fleet.cameras().size() * 160);
        sb.append("id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags\n");
        int i = 0;
        for (SimulatedCamera c : fleet.cameras()) {
            sb.append(c.id()).append(",Sim ").append(i).append(",District ").append(i % 16).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", 22.9 + (i % 1000) * 1e-4, 113.7 + (i / 1000) * 1e-4))
                    .append(",0,60,50,").append(c.rtspMainUrl()).append(',').append(c.onvifUrl()).append(',')
                    .append(c.username()).append(',').append(c.password()).append(",sim\n");
            i++;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String login(HttpClient http, int port, String user) throws IOException, InterruptedException {
        HttpResponse<String> r = send(http, port, null, "POST", "/api/session",
                ("{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login as " + user + " failed: " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    static HttpResponse<String> send(HttpClient http, int port, String token, String method, String path,
            byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(10)).method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", path.endsWith(":import") ? "text/csv" : "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** CPU seconds of this process: the server, its garbage collector and the benchmark's own observer. */
    private static double ownCpuSeconds(com.sun.management.OperatingSystemMXBean os) {
        return os.getProcessCpuTime() / 1e9;
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static long heapUsedMiB() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** {@code VmHWM} of {@code /proc/self/status}, or -1 where there is none. */
    private static long peakRssMiB() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10).orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void sleep(int seconds, Runnable report) throws InterruptedException {
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        report.run();
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String clip(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    private static void progress(String format, Object... values) {
        System.err.println("monitor: " + String.format(Locale.ROOT, format, values));
    }
}
