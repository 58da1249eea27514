package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/** Lease rows, claims and renewals on H2 and PostgreSQL, including claims racing on four threads. */
class LeaseStoreTest {
    private static final int THREADS = 4;

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void syncFollowsTheRecordedCamerasAndRenewReturnsWhatIsStillHeld(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 5);
        LeaseStore store = new LeaseStore(db.jdbc());
        assertEquals(5, store.sync());
        assertEquals(5, store.sync(), "a second sync changes nothing");
        List<Lease> claimed = store.claim("a", 10, Duration.ofMillis(300));
        assertEquals(5, claimed.size());
        assertTrue(claimed.stream().allMatch(l -> l.epoch() == 1));

        db.jdbc().update("UPDATE camera_recording SET mode = 'off' WHERE camera_id = ?", cameras.get(0));
        db.jdbc().update("UPDATE cameras SET enabled = FALSE WHERE id = ?", cameras.get(1));
        db.jdbc().update("UPDATE cameras SET rtsp_url = NULL WHERE id = ?", cameras.get(2));
        assertEquals(2, store.sync());
        assertEquals(Set.of(cameras.get(3), cameras.get(4)), leaseIds(store.renew("a", Duration.ofMillis(300))));

        Thread.sleep(400);
        assertEquals(List.of(), store.renew("a", Duration.ofSeconds(10)), "an expired lease is not renewed");
        List<Lease> taken = store.claim("b", 10, Duration.ofSeconds(10));
        assertEquals(Map.of(cameras.get(3), 2L, cameras.get(4), 2L), epochs(taken));
        assertTrue(store.release("b", taken.get(0)));
        assertTrue(!store.release("b", taken.get(0)), "a second release finds nothing");
        assertEquals(Map.of(taken.get(0).cameraId(), 3L), epochs(store.claim("a", 10, Duration.ofSeconds(10))));
        assertEquals(1, store.releaseAll("a"));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void concurrentClaimsNeverAssignACameraTwice(TestDatabase db) throws Exception {
        List<String> cameras = LeaseTestCameras.insert(db.jdbc(), 200);
        LeaseStore store = new LeaseStore(db.jdbc());
        store.sync();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // long leases: the four claimers together take every camera once
            List<Future<List<Lease>>> drains = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String node = "n" + t;
                drains.add(pool.submit(() -> {
                    List<Lease> mine = new ArrayList<>();
                    List<Lease> got;
                    do {
                        got = store.claim(node, 1 + ThreadLocalRandom.current().nextInt(7), Duration.ofMinutes(1));
                        mine.addAll(got);
                    } while (!got.isEmpty());
                    return mine;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<Lease>> f : drains) {
                f.get().forEach(l -> all.add(l.cameraId()));
            }
            Collections.sort(all);
            assertEquals(cameras, all, "every camera claimed exactly once");

            // short leases expiring all the time: every (camera, epoch) is claimed by one node only, epochs step by one
            db.jdbc().update("UPDATE camera_leases SET node_id = NULL, expires_at = CURRENT_TIMESTAMP");
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            List<Future<List<Lease>>> churn = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String node = "m" + t;
                churn.add(pool.submit(() -> {
                    List<Lease> mine = new ArrayList<>();
                    while (System.nanoTime() - until < 0) {
                        mine.addAll(store.claim(node, 1 + ThreadLocalRandom.current().nextInt(20), Duration.ofMillis(20)));
                    }
                    return mine;
                }));
            }
            Map<String, Set<Long>> epochsByCamera = new HashMap<>();
            int claims = 0;
            for (Future<List<Lease>> f : churn) {
                for (Lease l : f.get()) {
                    claims++;
                    assertTrue(epochsByCamera.computeIfAbsent(l.cameraId(), k -> new HashSet<>()).add(l.epoch()),
                            "camera " + l.cameraId() + " epoch " + l.epoch() + " claimed twice");
                }
            }
            assertTrue(claims > cameras.size(), "the leases churned: " + claims + " claims");
            for (Map.Entry<String, Set<Long>> e : epochsByCamera.entrySet()) {
                assertEquals(store.epoch(e.getKey()) - 1, e.getValue().size(),
                        "every claim of " + e.getKey() + " after the first round raised its epoch by one");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<String> leaseIds(List<Lease> leases) {
        Set<String> out = new HashSet<>();
        leases.forEach(l -> out.add(l.cameraId()));
        return out;
    }

    private static Map<String, Long> epochs(List<Lease> leases) {
        Map<String, Long> out = new HashMap<>();
        leases.forEach(l -> out.put(l.cameraId(), l.epoch()));
        return out;
    }
}
