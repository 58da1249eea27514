package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;

/**
 * Several keepers in one JVM on one database (H2 and PostgreSQL), their rounds driven by the test; TTL 1.5 s.
 */
class LeaseKeeperTest {
    private static final LeaseSettings SETTINGS = LeaseSettings.of(Duration.ofMillis(1500));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final List<LeaseKeeper> keepers = new ArrayList<>();
    private final Map<String, LeaseLog> logs = new HashMap<>();
    private final Map<String, AtomicInteger> capacities = new HashMap<>();

    @AfterEach
    void stop() {
        keepers.forEach(LeaseKeeper::close);
        executor.shutdownNow();
    }

    private LeaseKeeper keeper(Jdbc jdbc, String nodeId, int capacity) {
        LeaseLog log = new LeaseLog();
        logs.put(nodeId, log);
        return keeper(jdbc, nodeId, capacity, log);
    }

    private LeaseKeeper keeper(Jdbc jdbc, String nodeId, int capacity, LeaseListener log) {
        AtomicInteger cap = new AtomicInteger(capacity);
        capacities.put(nodeId, cap);
        LeaseKeeper k = new LeaseKeeper(new LeaseStore(jdbc), nodeId, SETTINGS,
                () -> NodeFigures.ofCapacity("http://127.0.0.1:1/" + nodeId, cap.get()), log, executor, System::nanoTime,
                LeaseKeeper.StepTimer.NONE);
        keepers.add(k);
        return k;
    }

    /** Runs rounds of the given keepers, one renew interval apart, until the condition holds. */
    private static void roundsUntil(List<LeaseKeeper> ks, BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            ks.forEach(LeaseKeeper::round);
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(SETTINGS.renewInterval().toMillis());
        }
        fail("not within " + PATIENCE + ": " + what + "; held " + heldCounts(ks));
    }

    private static Map<String, Integer> heldCounts(List<LeaseKeeper> ks) {
        Map<String, Integer> out = new HashMap<>();
        ks.forEach(k -> out.put(k.nodeId(), k.held().size()));
        return out;
    }

    /** Every camera held by exactly one keeper, and what the keepers think matches the database. */
    private static boolean heldOnce(List<LeaseKeeper> ks, List<String> cameras, LeaseStore store) {
        Map<String, LeaseStore.Holder> expected = new HashMap<>();
        for (LeaseKeeper k : ks) {
            for (Map.Entry<String, Long> e : k.held().entrySet()) {
                if (expected.put(e.getKey(), new LeaseStore.Holder(k.nodeId(), e.getValue())) != null) {
                    fail("camera " + e.getKey() + " held by two keepers");
                }
            }
        }
        return expected.keySet().equals(new HashSet<>(cameras)) && expected.equals(store.holders());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aStartedKeeperTakesTheCamerasOnItsOwnScheduleAndFreesThemWhenClosed(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 5);
        LeaseStore store = new LeaseStore(db.jdbc());
        LeaseLog log = new LeaseLog();
        try (LeaseKeeper k = LeaseKeeper.start(store, "solo", SETTINGS, () -> NodeFigures.ofCapacity(null, 10), log)) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!heldOnce(List.of(k), cameras, store) && System.nanoTime() - deadline < 0) {
                Thread.sleep(100);
            }
            assertTrue(heldOnce(List.of(k), cameras, store), "the scheduled rounds claimed every camera");
            Thread.sleep(SETTINGS.ttl().toMillis() * 2);
            assertTrue(heldOnce(List.of(k), cameras, store), "and keep renewing them past the TTL");
        }
        assertEquals(Map.of(), store.holders());
        assertEquals("STOPPED", db.jdbc().queryOne("SELECT state FROM recorder_nodes WHERE node_id = 'solo'",
                rs -> rs.getString(1)).orElseThrow());
        assertEquals(10, log.events().size(), "5 acquired, 5 lost");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aRenewalThatComesBackAfterTheFenceDeadlineFencesTheNode(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 5);
        AtomicLong clock = new AtomicLong();
        AtomicLong step = new AtomicLong();
        LeaseLog log = new LeaseLog();
        LeaseKeeper k = new LeaseKeeper(new LeaseStore(db.jdbc()), "n1", SETTINGS,
                () -> NodeFigures.ofCapacity(null, 10), log, executor, () -> clock.addAndGet(step.get()),
                LeaseKeeper.StepTimer.NONE);
        keepers.add(k);
        k.round();
        k.round();
        assertEquals(5, k.held().size(), "claimed in the first round, renewed in the second");

        // from now on every reading of the monotonic clock is 1.3 s later: each renewal returns 1.3 s after it
        // started, past its deadline of TTL 1.5 s - margin 0.3 s
        step.set(Duration.ofMillis(1300).toNanos());
        k.round();
        assertTrue(k.fenced());
        assertEquals(Map.of(), k.held());
        assertEquals(5, log.events().stream().filter(e -> !e.acquired()).count());
        assertTrue(cameras.stream().allMatch(c -> log.lostAt(c) > 0));

        step.set(0);
        k.round();
        assertTrue(!k.fenced(), "renewing in time again");
        assertEquals(5, k.held().size(), "the leases nobody took are held again");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aReturningNodeTakesCamerasOnlyWhenTheBalanceIsOffByMoreThanTheMargin(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 40);
        LeaseStore store = new LeaseStore(db.jdbc());
        List<LeaseKeeper> two = List.of(keeper(db.jdbc(), "n1", 100), keeper(db.jdbc(), "n2", 100));
        roundsUntil(two, () -> heldOnce(two, cameras, store) && two.get(0).held().size() == 20, "20 cameras each");

        // n3 comes back small: targets 20, 20 and 2; n1 and n2 are within their margin and keep their cameras
        Map<String, Integer> before = heldCounts(two);
        LeaseKeeper n3 = keeper(db.jdbc(), "n3", 10);
        List<LeaseKeeper> three = List.of(two.get(0), two.get(1), n3);
        for (int i = 0; i < 5; i++) {
            three.forEach(LeaseKeeper::round);
            Thread.sleep(SETTINGS.renewInterval().toMillis());
        }
        assertEquals(0, n3.held().size(), "no camera taken within the margin");
        assertEquals(before, heldCounts(two), "n1 and n2 kept their cameras");

        // n3 declares its full capacity: targets 14 each, n1 and n2 are 6 over (margin 2) and shed to n3 until
        // they are within the margin again
        capacities.get("n3").set(100);
        roundsUntil(three, () -> heldOnce(three, cameras, store) && two.get(0).held().size() <= 14 + 2
                && two.get(1).held().size() <= 14 + 2, "n1 and n2 shed to n3 beyond the margin");
        assertTrue(n3.held().size() >= 40 - 2 * (14 + 2), heldCounts(three)::toString);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aCameraGivenUpStoresItsLastRowClosedUnderItsOldEpochBeforeItsLeaseIsReleased(TestDatabase db)
            throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 20);
        LeaseStore store = new LeaseStore(db.jdbc());
        LeasedCameras leased = new LeasedCameras();
        FencedSegmentCatalogue rows = new FencedSegmentCatalogue(db.jdbc(), "n1", leased, r -> { });
        Map<String, Long> closedUnder = new ConcurrentHashMap<>();
        // the recorder closes the camera's file 300 ms after the stop, then its closing row is stored
        leased.follow(camera -> { }, camera -> { }, camera -> CompletableFuture.runAsync(() -> {
            long epoch = leased.epoch(camera).orElse(-1);
            rows.upsert(List.of(segment(camera, true)));
            closedUnder.put(camera, epoch);
        }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)));
        LeaseKeeper n1 = keeper(db.jdbc(), "n1", 100, leased);
        roundsUntil(List.of(n1), () -> heldOnce(List.of(n1), cameras, store), "n1 holds all 20");
        Map<String, Long> before = n1.held();
        rows.upsert(before.keySet().stream().map(c -> segment(c, false)).toList());

        List<LeaseKeeper> two = List.of(n1, keeper(db.jdbc(), "n2", 100));
        roundsUntil(two, () -> heldOnce(two, cameras, store) && n1.held().size() <= 10 + 2,
                "n1 gives cameras up to n2");
        leased.close();
        Map<String, Long> given = new HashMap<>(before);
        given.keySet().removeAll(n1.held().keySet());
        assertTrue(!given.isEmpty(), "n1 gave cameras up");
        assertEquals(0, rows.refusedRows(), "no closing row refused");
        for (Map.Entry<String, Long> g : given.entrySet()) {
            String camera = g.getKey();
            assertEquals(g.getValue(), closedUnder.get(camera), camera + " closed under n1's epoch");
            assertEquals(List.of("n1", g.getValue(), "CLOSED"), db.jdbc().queryOne("SELECT node_id, lease_epoch, state "
                    + "FROM recording_segments WHERE camera_id = ?", rs -> List.<Object>of(rs.getString(1),
                            rs.getLong(2), rs.getString(3)), camera).orElseThrow(), camera + "'s last row");
            assertEquals(new LeaseStore.Holder("n2", g.getValue() + 1), store.holders().get(camera),
                    camera + " taken by n2 with the next epoch");
        }
    }

    private static SegmentRow segment(String camera, boolean closed) {
        return new SegmentRow(camera, "/srv/n1", camera + "/0.mp4", Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 90_000,
                25, 1000, closed ? "ab".repeat(32) : null, closed ? SegmentState.CLOSED : SegmentState.OPEN,
                closed ? "STOPPED" : null);
    }

    private static Database secondPool(TestDatabase db) {
        HikariDataSource ds = (HikariDataSource) db.database().dataSource();
        return Database.open(new DbSettings(ds.getJdbcUrl(), ds.getUsername(), null, Path.of("target"), ds.getSchema(), 2));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void threeKeepersHoldEveryCameraExactlyOnceBalancedByCapacity(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 40);
        LeaseStore store = new LeaseStore(db.jdbc());
        List<LeaseKeeper> ks = List.of(keeper(db.jdbc(), "n1", 100), keeper(db.jdbc(), "n2", 100),
                keeper(db.jdbc(), "n3", 200));
        roundsUntil(ks, () -> heldOnce(ks, cameras, store) && ks.get(2).held().size() >= 18,
                "40 cameras held once, n3 (half the capacity) with its share");
        Map<String, Integer> counts = heldCounts(ks);
        assertTrue(counts.get("n1") <= 10 + 2 && counts.get("n2") <= 10 + 2, counts::toString);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aCutOffNodeFencesItselfBeforeOthersTakeItsCamerasWithHigherEpochs(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 30);
        LeaseStore store = new LeaseStore(db.jdbc());
        Database victimPool = secondPool(db);
        List<LeaseKeeper> ks = List.of(keeper(db.jdbc(), "n1", 100), keeper(db.jdbc(), "n2", 100),
                keeper(new Jdbc(victimPool), "n3", 100));
        roundsUntil(ks, () -> heldOnce(ks, cameras, store) && ks.get(2).held().size() >= 9, "30 cameras over 3 nodes");
        Map<String, Long> victims = ks.get(2).held();

        victimPool.close(); // n3 can no longer reach the database
        long cut = System.nanoTime();
        List<LeaseKeeper> all = List.of(ks.get(0), ks.get(1), ks.get(2));
        roundsUntil(all, () -> heldOnce(ks.subList(0, 2), cameras, store), "n1 and n2 hold all 30 cameras");

        assertTrue(ks.get(2).fenced());
        assertTrue(ks.get(2).held().isEmpty());
        String someVictim = victims.keySet().iterator().next();
        FencedSegmentCatalogue fencedRows = new FencedSegmentCatalogue(db.jdbc(), "n3", ks.get(2), r -> { });
        fencedRows.upsert(List.of(new SegmentRow(someVictim, "/srv/n3", someVictim + "/late.mp4", Instant.EPOCH,
                Instant.EPOCH.plusSeconds(1), 90_000, 25, 1000, null, SegmentState.OPEN, null)));
        assertEquals(1, fencedRows.refusedRows(), "the fenced node's late row is refused");
        Map<String, LeaseStore.Holder> holders = store.holders();
        for (Map.Entry<String, Long> v : victims.entrySet()) {
            String camera = v.getKey();
            long lost = logs.get("n3").lostAt(camera);
            assertTrue(lost - cut >= 0, "n3 reported " + camera + " lost after the cut");
            long fencedAfter = lost - cut;
            assertTrue(fencedAfter <= SETTINGS.ttl().toNanos(), "n3 stopped " + camera + " within the TTL");
            long taken = logs.get(holders.get(camera).nodeId()).acquiredAfter(camera, cut);
            assertTrue(taken - lost > 0, "n3 stopped " + camera + " before " + holders.get(camera).nodeId() + " took it");
            assertTrue(holders.get(camera).epoch() > v.getValue(), "epoch of " + camera + " grew");
        }
    }
}
