package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.skynet.vms.core.cluster.LeaseKeeper;
import org.skynet.vms.core.cluster.LeaseListener;
import org.skynet.vms.core.cluster.LeaseSettings;
import org.skynet.vms.core.cluster.LeaseStore;
import org.skynet.vms.core.cluster.NodeFigures;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;

/**
 * {@code benchmarks/run leases [--nodes N] [--cameras C] [--seconds S] [--ttl-seconds T] [--threads K] [--pool P]}:
 * the database load of camera leases for a city. A fresh PostgreSQL schema ({@code VMS_BENCH_DB_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code VMS_BENCH_DB_USER}), {@code C} recorded cameras inserted
 * by SQL, {@code N} simulated recorder nodes (each a real {@link LeaseKeeper} with its own node id and capacity 1.25 ×
 * its share; all on {@code K} shared threads and a pool of {@code P} connections) started within one renew interval
 * and left to claim until balanced (every camera held, no node over its margin), then a steady period of {@code S}
 * seconds of renewals. Figures: statements per second by the keepers in the steady period (counted per step),
 * transactions per second from {@code pg_stat_database.xact_commit} (the whole database: other clients count too),
 * p50/p99 of renew (steady period) and of claim (until balanced), time to balance. Progress on stderr; the last
 * stdout line is one JSON object.
 */
public final class LeaseScenario {
    /** Statements each keeper step sends (heartbeat: an UPDATE; claim: SELECT FOR UPDATE + UPDATE batch). */
    private static final Map<String, Integer> STATEMENTS = Map.of("heartbeat", 1, "renew", 1, "nodes", 1, "sync", 3,
            "count", 1, "claim", 2, "shed", 1);

    private LeaseScenario() {
    }

    /** Durations of each keeper step, in nanoseconds, since the last reset. */
    private static final class Steps implements LeaseKeeper.StepTimer {
        private final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();

        @Override
        public void record(String step, long duration) {
            List<Long> list = nanos.computeIfAbsent(step, k -> new ArrayList<>());
            synchronized (list) {
                list.add(duration);
            }
        }

        void reset() {
            nanos.clear();
        }

        long statements() {
            long n = 0;
            for (Map.Entry<String, List<Long>> e : nanos.entrySet()) {
                synchronized (e.getValue()) {
                    n += (long) e.getValue().size() * STATEMENTS.getOrDefault(e.getKey(), 1);
                }
            }
            return n;
        }

        double percentileMillis(String step, double p) {
            List<Long> list = nanos.getOrDefault(step, List.of());
            long[] sorted;
            synchronized (list) {
                sorted = list.stream().mapToLong(Long::longValue).toArray();
            }
            if (sorted.length == 0) {
                return 0;
            }
            Arrays.sort(sorted);
            int idx = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
        }

        int count(String step) {
            return nanos.getOrDefault(step, List.of()).size();
        }
    }

    public static void main(String[] args) throws Exception {
        int nodes = intOption(args, "--nodes", 200);
        int cameras = intOption(args, "--cameras", 160_000);
        int seconds = intOption(args, "--seconds", 60);
        int ttlSeconds = intOption(args, "--ttl-seconds", 15);
        int threads = intOption(args, "--threads", 8);
        int pool = intOption(args, "--pool", 16);
        String pgUrl = env("VMS_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String pgUser = env("VMS_BENCH_DB_USER", "postgres");
        LeaseSettings settings = LeaseSettings.of(Duration.ofSeconds(ttlSeconds));
        int capacity = (int) Math.ceil(1.25 * cameras / nodes);

        BenchSchema schema = BenchSchema.create(pgUrl, pgUser, "bench_leases_");
        Path data = Files.createTempDirectory("vms-bench-leases");
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(threads);
        List<LeaseKeeper> keepers = new ArrayList<>();
        try (Database db = Database.open(new DbSettings(pgUrl, pgUser, null, data, schema.name(), pool))) {
            Jdbc jdbc = new Jdbc(db);
            long t0 = System.nanoTime();
            insertCameras(jdbc, cameras);
            progress("%,d recorded cameras inserted in %.1f s; %d nodes of capacity %d, TTL %d s, renew every %d ms",
                    cameras, secondsSince(t0), nodes, capacity, ttlSeconds, settings.renewInterval().toMillis());

            Steps steps = new Steps();
            LeaseStore store = new LeaseStore(jdbc);
            AtomicInteger held = new AtomicInteger();
            LeaseListener counter = new LeaseListener() {
                @Override
                public void acquired(String cameraId, long epoch) {
                    held.incrementAndGet();
                }

                @Override
                public void lost(String cameraId, long epoch) {
                    held.decrementAndGet();
                }
            };
            long start = System.nanoTime();
            for (int i = 0; i < nodes; i++) {
                String nodeId = String.format(Locale.ROOT, "node-%03d", i);
                LeaseKeeper k = new LeaseKeeper(store, nodeId, settings,
                        () -> NodeFigures.ofCapacity("http://127.0.0.1:1/" + nodeId, capacity), counter, executor,
                        System::nanoTime, steps);
                keepers.add(k);
                executor.schedule((Runnable) k::start, settings.renewInterval().toNanos() * i / nodes, TimeUnit.NANOSECONDS);
            }
            double balanceSeconds = awaitBalance(keepers, held, cameras, capacity, nodes, settings, start);
            int claimsToBalance = steps.count("claim");
            double claimP50 = steps.percentileMillis("claim", 50);
            double claimP99 = steps.percentileMillis("claim", 99);
            progress("%d claims until balanced: p50 %.2f ms, p99 %.2f ms", claimsToBalance, claimP50, claimP99);

            long commits0 = xactCommit(jdbc);
            steps.reset();
            long s0 = System.nanoTime();
            progress("steady: %d s of renewals...", seconds);
            Thread.sleep(seconds * 1000L);
            double elapsed = secondsSince(s0);
            long commits = xactCommit(jdbc) - commits0;
            long statements = steps.statements();
            int stillHeld = store.holders().size();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            progress("steady: %,d statements (%.0f/s), %,d commits in the database (%.0f/s); renew p50 %.2f ms p99 %.2f ms "
                            + "(%d), claim p50 %.2f ms p99 %.2f ms (%d); %,d cameras held at the end; load average %.1f",
                    statements, statements / elapsed, commits, commits / elapsed, steps.percentileMillis("renew", 50),
                    steps.percentileMillis("renew", 99), steps.count("renew"), steps.percentileMillis("claim", 50),
                    steps.percentileMillis("claim", 99), steps.count("claim"), stillHeld, load);
            System.out.println(String.format(Locale.ROOT, "{\"scenario\":\"leases\",\"nodes\":%d,\"cameras\":%d,"
                            + "\"ttlSeconds\":%d,\"renewIntervalMillis\":%d,\"seconds\":%d,\"threads\":%d,\"pool\":%d,"
                            + "\"statementsPerSecond\":%.1f,\"transactionsPerSecond\":%.1f,\"renewP50Millis\":%.2f,"
                            + "\"renewP99Millis\":%.2f,\"claimP50Millis\":%.2f,\"claimP99Millis\":%.2f,"
                            + "\"heartbeatP99Millis\":%.2f,\"steadyClaims\":%d,\"claimsToBalance\":%d,\"balanceSeconds\":%.1f,"
                            + "\"heldAtEnd\":%d,\"cpus\":%d,\"loadAverage\":%.1f}", nodes, cameras, ttlSeconds,
                    settings.renewInterval().toMillis(), seconds, threads, pool, statements / elapsed, commits / elapsed,
                    steps.percentileMillis("renew", 50), steps.percentileMillis("renew", 99),
                    claimP50, claimP99, steps.percentileMillis("heartbeat", 99), steps.count("claim"), claimsToBalance, balanceSeconds,
                    stillHeld, Runtime.getRuntime().availableProcessors(), load));
            keepers.forEach(LeaseKeeper::close);
        } finally {
            executor.shutdownNow();
            schema.close();
            Files.deleteIfExists(data);
        }
    }

    /** Seconds from the first keeper's start until every camera is held and no node is over its margin. */
    private static double awaitBalance(List<LeaseKeeper> keepers, AtomicInteger held, int cameras, int capacity,
            int nodes, LeaseSettings settings, long start) throws InterruptedException {
        int target = Math.min(capacity, (cameras + nodes - 1) / nodes);
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() - deadline < 0) {
            Thread.sleep(1000);
            int max = 0;
            for (LeaseKeeper k : keepers) {
                max = Math.max(max, k.held().size());
            }
            progress("%.0f s: %,d of %,d cameras held, most on one node %d (target %d)", secondsSince(start), held.get(),
                    cameras, max, target);
            if (held.get() == cameras && max <= target + settings.margin(target)) {
                double s = secondsSince(start);
                progress("balanced after %.1f s", s);
                return s;
            }
        }
        throw new IllegalStateException("not balanced within 10 minutes: " + held.get() + " of " + cameras + " held");
    }

    private static void insertCameras(Jdbc jdbc, int n) {
        jdbc.update("INSERT INTO cameras (id, name, district, search_text, lat, lon, bearing, fov, range_m, rtsp_url, "
                + "tags, enabled, created_at, updated_at) SELECT 'cam-' || lpad(g::text, 6, '0'), 'bench ' || g, "
                + "'d' || (g % 16), 'cam-' || g, 23.0, 113.7, 0, 60, 50, 'rtsp://127.0.0.1:8554/cam-' || g, '', TRUE, "
                + "now(), now() FROM generate_series(0, ? - 1) g", n);
        jdbc.update("INSERT INTO camera_recording (camera_id, mode, updated_at) SELECT id, 'continuous', now() FROM cameras");
        jdbc.update("ANALYZE cameras");
        jdbc.update("ANALYZE camera_recording");
    }

    private static long xactCommit(Jdbc jdbc) {
        return jdbc.queryOne("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                rs -> rs.getLong(1)).orElse(0L);
    }

    private static double secondsSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e9;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void progress(String format, Object... values) {
        System.err.println("leases: " + String.format(Locale.ROOT, format, values));
    }
}
