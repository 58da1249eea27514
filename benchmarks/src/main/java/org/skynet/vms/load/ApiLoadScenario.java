package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * {@code benchmarks/run api-load [--cameras N] [--clients C] [--seconds S] [--threads T]}: issue 8's API
 * load. The server in DEMO mode (embedded H2) with {@code N} simulated cameras imported and monitored
 * (interval 10 s), then Debian's {@code wrk} with {@code C} connections for {@code S} seconds against each
 * list and status endpoint an operator's console polls, signed in as the operator. Reports requests/s,
 * p50/p99 latency and errors (socket errors, non-2xx answers) per endpoint; the last stdout line is one
 * JSON object. Needs {@code wrk} on the PATH ({@code apt-get install -y wrk}).
 */
public final class ApiLoadScenario {
    private static final List<String> ENDPOINTS = List.of("/api/cameras?limit=50", "/api/alarms?status=open",
            "/api/monitor/summary", "/api/health/cameras?limit=50");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    private ApiLoadScenario() {
    }

    public static void main(String[] args) throws Exception {
        int cameras = intOption(args, "--cameras", 1000);
        int clients = intOption(args, "--clients", 200);
        int seconds = intOption(args, "--seconds", 60);
        int threads = intOption(args, "--threads", 2);
        requireWrk();
        Path data = Files.createTempDirectory("vms-bench-api");
        Map<String, Map<String, Object>> figures = new LinkedHashMap<>();
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).paths("127.0.0.1", 0, 0)
                .eventLoopThreads(1).build());
                VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(),
                        "bind", "127.0.0.1", "monitor.interval-seconds", "10")), VmsApplication.Mode.DEMO,
                        Clock.systemUTC())) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> imported = MonitorScenario.send(http, app.port(), MonitorScenario.login(http, app.port(),
                    "technician"), "POST", "/api/cameras:import", MonitorScenario.csv(fleet));
            if (imported.statusCode() != 200) {
                throw new IllegalStateException("import failed: " + imported.statusCode() + " " + imported.body());
            }
            String operator = MonitorScenario.login(http, app.port(), "operator");
            progress("%,d cameras imported; wrk with %d connections, %d s per endpoint", cameras, clients, seconds);
            for (String endpoint : ENDPOINTS) {
                Map<String, Object> f = wrk("http://127.0.0.1:" + app.port() + endpoint, operator, clients, threads, seconds);
                progress("%s: %s", endpoint, f);
                figures.put(endpoint, f);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scenario", "api-load");
        result.put("cameras", cameras);
        result.put("clients", clients);
        result.put("secondsPerEndpoint", seconds);
        result.put("endpoints", figures);
        System.out.println(Json.MAPPER.writeValueAsString(result));
    }

    private static void requireWrk() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("api-load: wrk is not installed; install it with: apt-get install -y wrk");
            System.exit(2);
        }
    }

    /** Runs wrk once and parses its report. */
    private static Map<String, Object> wrk(String url, String token, int clients, int threads, int seconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(threads), "-c", String.valueOf(clients),
                "-d", seconds + "s", "--timeout", "10s", "--latency", "-H", "Authorization: Bearer " + token, url));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + out);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("requestsPerSecond", Double.parseDouble(find(RPS, out, url).group(1)));
        Matcher pm = PERCENTILE.matcher(out);
        while (pm.find()) {
            f.put("p" + pm.group(1) + "Millis", millis(Double.parseDouble(pm.group(2)), pm.group(3)));
        }
        Matcher se = SOCKET_ERRORS.matcher(out);
        long socketErrors = 0;
        if (se.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(se.group(g));
            }
        }
        Matcher bad = NON_2XX.matcher(out);
        f.put("socketErrors", socketErrors);
        f.put("non2xx", bad.find() ? Long.parseLong(bad.group(1)) : 0L);
        return f;
    }

    private static Matcher find(Pattern p, String out, String url) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no '" + p.pattern() + "' in wrk's report for " + url + ": " + out);
        }
        return m;
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    private static void progress(String format, Object... values) {
        System.err.println("api-load: " + String.format(Locale.ROOT, format, values));
    }
}
