package org.skynet.vms.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.users.ManualClock;

/** The hash chain of the audit log on H2 and PostgreSQL: tampering in SQL is found and named. */
class AuditChainTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456789Z");

    private final ManualClock clock = new ManualClock(T0);

    private List<Long> write(TestDatabase db, int n) {
        AuditLog log = new AuditLog(db.jdbc(), clock);
        for (int i = 0; i < n; i++) {
            log.record(i % 2 == 0 ? "ana" : null, "camera.update", "cam-" + i, i == 1 ? null : "bearing " + i, "127.0.0.1");
            clock.advance(Duration.ofSeconds(1));
        }
        return ids(db.jdbc());
    }

    private static List<Long> ids(Jdbc jdbc) {
        return jdbc.query("SELECT id FROM audit_log ORDER BY id", rs -> rs.getLong(1));
    }

    private static ChainBreak broken(TestDatabase db) {
        VerifyResult r = new AuditVerifier(db.jdbc()).verify();
        assertFalse(r.intact(), "tampering must be found");
        return r.broken().orElseThrow();
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void untouchedLogIsIntact(TestDatabase db) {
        assertTrue(new AuditVerifier(db.jdbc()).verify().intact(), "empty log");
        write(db, 5);
        VerifyResult r = new AuditVerifier(db.jdbc()).verify();
        assertTrue(r.intact(), r.summary());
        assertEquals(5, r.entries());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void changedDetailIsNamed(TestDatabase db) {
        List<Long> ids = write(db, 5);
        db.jdbc().update("UPDATE audit_log SET detail = 'bearing 999' WHERE id = ?", ids.get(2));
        ChainBreak b = broken(db);
        assertEquals(ids.get(2), b.entryId());
        assertEquals(ChainBreak.Kind.CHANGED, b.kind());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void changedNullFieldAndTimeAreNamed(TestDatabase db) {
        List<Long> ids = write(db, 5);
        db.jdbc().update("UPDATE audit_log SET actor = 'mallory' WHERE id = ?", ids.get(1));
        assertEquals(ids.get(1), broken(db).entryId());
        db.jdbc().update("UPDATE audit_log SET actor = NULL WHERE id = ?", ids.get(1));
        assertTrue(new AuditVerifier(db.jdbc()).verify().intact(), "restoring the value restores the chain");
        db.jdbc().update("UPDATE audit_log SET at = ? WHERE id = ?", T0.plusSeconds(3600), ids.get(3));
        assertEquals(ids.get(3), broken(db).entryId());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void deletedRowIsNamed(TestDatabase db) {
        List<Long> ids = write(db, 5);
        db.jdbc().update("DELETE FROM audit_log WHERE id = ?", ids.get(2));
        ChainBreak b = broken(db);
        assertEquals(ChainBreak.Kind.REMOVED, b.kind());
        assertEquals(ids.get(3), b.entryId(), "named by the entry after the gap");
        assertTrue(b.message().contains("seq 3"), b.message());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void deletedLastRowIsNamed(TestDatabase db) {
        List<Long> ids = write(db, 4);
        db.jdbc().update("DELETE FROM audit_log WHERE id = ?", ids.get(3));
        ChainBreak b = broken(db);
        assertEquals(ChainBreak.Kind.REMOVED, b.kind());
        assertEquals(ids.get(2), b.entryId());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void forgedRowsAreNamed(TestDatabase db) {
        write(db, 3);
        db.jdbc().update("INSERT INTO audit_log (at, actor, action, target) VALUES (?, 'ana', 'login', 'ana')", T0);
        long forged = ids(db.jdbc()).get(3);
        ChainBreak b = broken(db);
        assertEquals(forged, b.entryId());
        assertEquals(ChainBreak.Kind.INSERTED, b.kind());

        db.jdbc().update("UPDATE audit_log SET seq = 4, prev_hash = ?, hash = ? WHERE id = ?", AuditChain.GENESIS,
                AuditChain.GENESIS, forged);
        assertEquals(forged, broken(db).entryId(), "made-up chain columns do not help");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void concurrentAppendsFromTwoWritersKeepOneChain(TestDatabase db) throws Exception {
        List<AuditLog> writers = List.of(new AuditLog(db.jdbc(), clock), new AuditLog(db.jdbc(), clock));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                AuditLog w = writers.get(t % 2);
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        w.record("t" + thread, "camera.view", "cam-" + i, null, null);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        VerifyResult r = new AuditVerifier(db.jdbc()).verify();
        assertTrue(r.intact(), r.summary());
        assertEquals(100, r.entries());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void entriesFromBeforeTheChainAreChainedByTheFirstAppend(TestDatabase db) {
        for (int i = 0; i < 3; i++) {
            db.jdbc().update("INSERT INTO audit_log (at, action, target) VALUES (?, 'login', ?)", T0.plusSeconds(i), "u" + i);
        }
        db.jdbc().update("UPDATE audit_chain SET legacy_through = (SELECT MAX(id) FROM audit_log)");
        VerifyResult before = new AuditVerifier(db.jdbc()).verify();
        assertTrue(before.intact(), before.summary());
        assertEquals(3, before.unchained());

        new AuditLog(db.jdbc(), clock).record(null, "server.start", null, null, null);
        VerifyResult after = new AuditVerifier(db.jdbc()).verify();
        assertTrue(after.intact(), after.summary());
        assertEquals(4, after.entries());
        assertEquals(0, after.unchained());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void exportVerifiesOnItsOwnAndShowsEdits(TestDatabase db) throws Exception {
        write(db, 6);
        StringWriter out = new StringWriter();
        long n = new AuditExport(db.jdbc()).write(T0.plusSeconds(2), T0.plusSeconds(5), out);
        assertEquals(3, n);
        String export = out.toString();
        assertEquals(3, export.lines().count());
        VerifyResult ok = ExportVerifier.verify(new BufferedReader(new StringReader(export)));
        assertTrue(ok.intact(), ok.summary());
        assertEquals(3, ok.entries());

        VerifyResult edited = ExportVerifier.verify(new BufferedReader(new StringReader(export.replace("bearing 3", "bearing 4"))));
        assertEquals(ChainBreak.Kind.CHANGED, edited.broken().orElseThrow().kind());
        String[] lines = export.split("\n");
        VerifyResult dropped = ExportVerifier.verify(new BufferedReader(new StringReader(lines[0] + "\n" + lines[2] + "\n")));
        assertEquals(ChainBreak.Kind.REMOVED, dropped.broken().orElseThrow().kind());
    }
}
