package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/**
 * Batched persistence of health transitions on H2 and PostgreSQL: thousands of changes in a few
 * batches, restore of the current states, and a database outage that loses nothing.
 */
class HealthStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void batchesManyTransitionsAndRestoresCurrentStates(TestDatabase db) throws Exception {
        HealthStore store = new HealthStore(db.database().dataSource());
        CameraHealthStates states = new CameraHealthStates(new HealthPolicy(1, 1, 2000));
        try (WriteBehind<HealthRecord> writer = new WriteBehind<>("test", db.database().dataSource(), HealthStore::write,
                Duration.ofMillis(100))) {
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                String id = "cam-" + i;
                record(writer, states, id, T0, ProbeResult.ok(10));
                record(writer, states, id, T0.plusSeconds(60), new ProbeResult(ProbeOutcome.TIMEOUT, 5000, "no answer within 5 s"));
            }
            assertTrue(Await.until(Duration.ofSeconds(20), () -> writer.pending() == 0), "pending " + writer.pending());
            assertEquals(4000, writer.written());
            assertTrue(writer.batches() <= 20, "4000 transitions in " + writer.batches() + " batches");
            System.out.printf("HealthStoreTest[%s]: 4000 transitions + states written in %d batches, %d ms%n", db,
                    writer.batches(), (System.nanoTime() - start) / 1_000_000);
        }
        List<CameraHealth> restored = store.loadAll();
        assertEquals(2000, restored.size());
        assertTrue(restored.stream().allMatch(h -> h.state() == HealthState.OFFLINE && h.since().equals(T0.plusSeconds(60))));
        assertEquals(4000L, db.jdbc().queryOne("SELECT COUNT(*) FROM health_transitions", rs -> rs.getLong(1)).orElseThrow());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void databaseOutageLosesNothing(TestDatabase db) throws Exception {
        FlakyDataSource flaky = new FlakyDataSource(db.database().dataSource());
        CameraHealthStates states = new CameraHealthStates(new HealthPolicy(1, 1, 2000));
        try (WriteBehind<HealthRecord> writer = new WriteBehind<>("test", flaky, HealthStore::write, Duration.ofMillis(50))) {
            record(writer, states, "before", T0, ProbeResult.ok(10));
            assertTrue(Await.until(Duration.ofSeconds(10), () -> writer.pending() == 0));
            flaky.down(true);
            for (int i = 0; i < 100; i++) {
                record(writer, states, "cam-" + i, T0.plusSeconds(i), ProbeResult.ok(10));
                record(writer, states, "cam-" + i, T0.plusSeconds(i + 60), new ProbeResult(ProbeOutcome.UNREACHABLE, 1, "refused"));
            }
            assertTrue(Await.until(Duration.ofSeconds(10), () -> flaky.refused() >= 3), "the writer kept retrying");
            assertTrue(writer.failing());
            assertEquals(200, writer.pending());
            flaky.down(false);
            assertTrue(Await.until(Duration.ofSeconds(10), () -> writer.pending() == 0), "pending " + writer.pending());
            assertTrue(!writer.failing());
        }
        assertEquals(201L, db.jdbc().queryOne("SELECT COUNT(*) FROM health_transitions", rs -> rs.getLong(1)).orElseThrow());
        Map<String, List<StateChange>> history = new HealthStore(db.database().dataSource())
                .history("cam-7", null, T0, T0.plusSeconds(3600));
        assertEquals(List.of(HealthState.ONLINE, HealthState.OFFLINE), history.get("cam-7").stream().map(StateChange::to).toList());
    }

    private static void record(WriteBehind<HealthRecord> writer, CameraHealthStates states, String id, Instant at,
                               ProbeResult r) {
        states.probed(id, at, r).ifPresent(c -> writer.add(new HealthRecord(c, states.get(id).orElseThrow())));
    }
}
