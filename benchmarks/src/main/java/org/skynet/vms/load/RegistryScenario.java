package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;
import static org.skynet.vms.load.ScenarioOptions.stringOption;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.server.Json;

/**
 * {@code benchmarks/run registry [--cameras N] [--queries Q] [--only pg|h2]}: imports a city of cameras through the HTTP
 * API ({@code POST /api/cameras:import}, one CSV file) into a fresh PostgreSQL schema and into the
 * embedded H2, then times filtered pages of 100 ({@code district} + text {@code q}) as a signed-in
 * user would request them. Progress goes to stderr; the last stdout line is one JSON object of figures.
 * PostgreSQL is {@code VMS_BENCH_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}), user
 * {@code VMS_BENCH_DB_USER} (default {@code postgres}); the scenario's schema is dropped at the end. The
 * health monitor is set to look at the registry once a day, so it does not probe the generated
 * (non-existent) cameras while pages are timed.
 */
public final class RegistryScenario {
    private static final List<String> DISTRICTS = List.of("Nancheng", "Dongcheng", "Guancheng", "Wanjiang", "Songshanhu",
            "Humen", "Changan", "Houjie", "Tangxia", "Fenggang", "Qingxi", "Zhangmutou", "Changping", "Dalang", "Liaobu",
            "Shijie");
    private static final List<String> STREETS = List.of("Hongfu Rd", "Dongguan Ave", "Xihu Rd", "Yuanmei Rd", "Shengli Rd",
            "Dongzong Rd", "Tongsha Rd", "Keyuan Rd", "Wenhua Rd", "Xinhe Rd", "Gangkou Rd", "Huayuan St");
    private static final List<String> PLACES = List.of("Gate", "Crossing", "Bus Stop", "Market", "School", "Square",
            "Station", "Bridge", "Park Entrance", "Hospital");
    /** What an operator types: street and place words (common), id prefixes, and words that match nothing. */
    private static final List<String> TERMS = List.of("hongfu", "xihu rd", "market", "bus stop", "school", "gate",
            "cam-01", "cam-1", "station 1", "bridge", "wenhua", "no-such-camera");

    private RegistryScenario() {
    }

    /** One database leg's figures. */
    record Figures(double importSeconds, double pageP50Millis, double pageP99Millis, double pageMaxMillis,
            double listP50Millis, double listP99Millis) {
        String json() {
            return String.format(Locale.ROOT, "{\"importSeconds\":%.2f,\"pageP50Millis\":%.2f,\"pageP99Millis\":%.2f,"
                    + "\"pageMaxMillis\":%.2f,\"listP50Millis\":%.2f,\"listP99Millis\":%.2f}", importSeconds,
                    pageP50Millis, pageP99Millis, pageMaxMillis, listP50Millis, listP99Millis);
        }
    }

    public static void main(String[] args) throws Exception {
        int cameras = intOption(args, "--cameras", 160_000);
        int queries = intOption(args, "--queries", 500);
        String pgUrl = env("VMS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = env("VMS_BENCH_DB_USER", "postgres");

        progress("generating %,d cameras in %d districts", cameras, DISTRICTS.size());
        byte[] csv = csv(cameras, new Random(42));
        progress("CSV is %.1f MB", csv.length / 1e6);

        String only = stringOption(args, "--only", "");
        Figures pg = null;
        if (!only.equals("h2")) {
            try (BenchSchema schema = BenchSchema.create(pgUrl, pgUser, "bench_registry_")) {
                // reWriteBatchedInserts makes the driver send multi-row INSERTs: the import's batches become few round trips.
                String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
                pg = leg("pg", Map.of("db.url", url, "db.user", pgUser, "db.schema", schema.name()), csv, queries);
            }
        }
        Figures h2 = only.equals("pg") ? null : leg("h2", Map.of(), csv, queries);

        System.out.println(String.format(Locale.ROOT, "{\"scenario\":\"registry\",\"cameras\":%d,\"queries\":%d,"
                        + "\"cpus\":%d,\"jdk\":\"%s\",\"loadAverage\":%.1f,\"pg\":%s,\"h2\":%s}", cameras, queries,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                pg == null ? "null" : pg.json(), h2 == null ? "null" : h2.json()));
    }

    private static Figures leg(String name, Map<String, String> dbFlags, byte[] csv, int queries) throws Exception {
        Path data = Files.createTempDirectory("vms-bench-registry");
        Map<String, String> flags = new HashMap<>(dbFlags);
        flags.putAll(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1"));
        // The generated cameras do not exist: keep the health monitor from probing them during the measurement.
        flags.putAll(Map.of("monitor.registry-poll-seconds", "86400", "monitor.interval-seconds", "86400"));
        try (VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO, Clock.systemUTC())) {
            Client client = new Client(app.port());
            client.login("technician");

            progress("%s: importing over HTTP...", name);
            long t0 = System.nanoTime();
            HttpResponse<String> r = client.send("POST", "/api/cameras:import", "text/csv", csv);
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(name + ": import failed with " + r.statusCode() + ": " + clip(r.body()));
            }
            progress("%s: imported %s in %.2f s", name, Json.MAPPER.readTree(r.body()).get("imported"), importSeconds);

            Random rnd = new Random(7);
            for (int i = 0; i < Math.max(50, queries / 5); i++) {
                client.page(rnd);
            }
            double[] millis = new double[queries];
            int items = 0;
            for (int i = 0; i < queries; i++) {
                long q0 = System.nanoTime();
                items += client.page(rnd);
                millis[i] = (System.nanoTime() - q0) / 1e6;
            }
            Arrays.sort(millis);
            // The same pages straight from the registry (database + row mapping, no HTTP or JSON).
            double[] direct = new double[queries];
            Random same = new Random(7);
            for (int i = 0; i < queries; i++) {
                CameraFilter filter = new CameraFilter(DISTRICTS.get(same.nextInt(DISTRICTS.size())), null, null,
                        TERMS.get(same.nextInt(TERMS.size())));
                long q0 = System.nanoTime();
                app.cameraRegistry().list(filter, 100, null);
                direct[i] = (System.nanoTime() - q0) / 1e6;
            }
            Arrays.sort(direct);
            Figures f = new Figures(importSeconds, percentile(millis, 50), percentile(millis, 99), millis[millis.length - 1],
                    percentile(direct, 50), percentile(direct, 99));
            progress("%s: %d pages over HTTP (district + q, limit 100), %.1f items on average: p50 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms; from the registry directly: p50 %.2f ms, p99 %.2f ms", name, queries,
                    items / (double) queries, f.pageP50Millis(), f.pageP99Millis(), f.pageMaxMillis(), f.listP50Millis(),
                    f.listP99Millis());
            return f;
        } finally {
            FileTrees.delete(data);
        }
    }

    /** A signed-in API client on loopback. */
    private static final class Client {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final int port;
        private String token;

        Client(int port) {
            this.port = port;
        }

        void login(String user) throws IOException, InterruptedException {
            HttpResponse<String> r = send("POST", "/api/session", "application/json",
                    ("{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("login as " + user + " failed: " + r.statusCode());
            }
            token = Json.MAPPER.readTree(r.body()).get("token").textValue();
        }

        /** Fetches one filtered page; returns its number of items. */
        int page(Random rnd) throws IOException, InterruptedException {
            String district = DISTRICTS.get(rnd.nextInt(DISTRICTS.size()));
            String term = TERMS.get(rnd.nextInt(TERMS.size()));
            HttpResponse<String> r = send("GET", "/api/cameras?limit=100&district=" + enc(district) + "&q=" + enc(term), null, null);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("page failed: " + r.statusCode() + ": " + clip(r.body()));
            }
            JsonNode items = Json.MAPPER.readTree(r.body()).get("items");
            return items.size();
        }

        HttpResponse<String> send(String method, String path, String contentType, byte[] body)
                throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofMinutes(5))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The import file: ids in one global sequence, districts interleaved, names made of street, place and number. */
    static byte[] csv(int n, Random rnd) {
        StringBuilder sb = new StringBuilder(n * 150);
        sb.append("id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags\n");
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "cam-%06d", i);
            String district = DISTRICTS.get(i % DISTRICTS.size());
            String name = STREETS.get(rnd.nextInt(STREETS.size())) + " " + PLACES.get(rnd.nextInt(PLACES.size())) + " " + (i / 7);
            double lat = 22.9 + rnd.nextDouble() * 0.2;
            double lon = 113.7 + rnd.nextDouble() * 0.2;
            sb.append(id).append(',').append(name).append(',').append(district).append(',')
                    .append(String.format(Locale.ROOT, "%.6f,%.6f", lat, lon)).append(',')
                    .append(rnd.nextInt(360)).append(',').append(40 + rnd.nextInt(60)).append(',').append(20 + rnd.nextInt(180))
                    .append(",rtsp://127.0.0.1:8554/").append(id).append(",,");
            if (i % 4 == 0) {
                sb.append("admin,bench-").append(i);
            } else {
                sb.append(',');
            }
            sb.append(',').append(rnd.nextBoolean() ? "street;hd" : "crossing").append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double percentile(double[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void progress(String format, Object... values) {
        System.err.println("registry: " + String.format(Locale.ROOT, format, values));
    }
}
