package org.skynet.vms.core.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/** The exports table on H2 and PostgreSQL: pending → done | failed, once; restart marks pending failed. */
class ExportStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void statesMoveOnceAndListNewestFirst(TestDatabase db) {
        ExportStore store = new ExportStore(new Jdbc(db.database()));
        store.insert(pending("a", T0));
        store.insert(pending("b", T0.plusSeconds(10)));
        store.insert(pending("c", T0.plusSeconds(20)));
        store.done("a", "ab".repeat(32), T0.plusSeconds(30));
        store.failed("a", "too late", T0.plusSeconds(40));
        store.failed("b", "x".repeat(2000), T0.plusSeconds(40));

        ExportRecord a = store.find("a").orElseThrow();
        assertEquals(ExportRecord.DONE, a.state());
        assertEquals("ab".repeat(32), a.manifestSha256());
        assertEquals(T0.plusSeconds(30), a.finishedAt());
        assertNull(a.error());
        assertEquals(ExportStore.MAX_ERROR_CHARS, store.find("b").orElseThrow().error().length());
        assertEquals(List.of("c", "b", "a"), store.newest(10).stream().map(ExportRecord::id).toList());

        assertEquals(1, store.failAllPending("restart", T0.plusSeconds(50)));
        ExportRecord c = store.find("c").orElseThrow();
        assertEquals(ExportRecord.FAILED, c.state());
        assertEquals("restart", c.error());
        assertEquals(T0.plus(java.time.Duration.ofHours(1)), c.to());
    }

    private static ExportRecord pending(String id, Instant at) {
        return new ExportRecord(id, "cam-1", T0, T0.plusSeconds(3600), "operator", at, ExportRecord.PENDING, null, null,
                null);
    }
}
