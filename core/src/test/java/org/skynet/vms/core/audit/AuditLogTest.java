package org.skynet.vms.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.users.ManualClock;
import org.skynet.vms.errors.VmsException;

class AuditLogTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

    private final ManualClock clock = new ManualClock(T0);

    private static AuditQuery query(String actor, String action, String target) {
        return new AuditQuery(null, null, actor, action, target, AuditQuery.DEFAULT_LIMIT, null);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void recordedEntryReadsBackExactly(TestDatabase db) {
        new AuditLog(db.jdbc(), clock).record("ana", "camera.update", "cam-17", "bearing 90 -> 120", "127.0.0.1");
        new AuditLog(db.jdbc(), clock).record(null, "user.create", "admin", null, null);

        List<AuditEntry> items = new AuditSearch(db.jdbc()).find(AuditQuery.latest(10)).items();
        assertEquals(2, items.size());
        AuditEntry older = items.get(1);
        assertEquals(new AuditEntry(older.id(), T0, "ana", "camera.update", "cam-17", "bearing 90 -> 120", "127.0.0.1"), older);
        assertNull(items.get(0).actor(), "null actor = the system");
        assertTrue(items.get(0).id() > older.id());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void filtersByActorActionPrefixTargetAndTime(TestDatabase db) {
        AuditLog log = new AuditLog(db.jdbc(), clock);
        log.record("ana", "login", "ana", null, null);
        clock.advance(Duration.ofMinutes(1));
        log.record(null, "login.failed", "bob", null, null);
        clock.advance(Duration.ofMinutes(1));
        log.record("ana", "camera.delete", "cam-1", null, null);
        clock.advance(Duration.ofMinutes(1));
        log.record("ana", "login_x", "ana", null, null);
        AuditSearch search = new AuditSearch(db.jdbc());

        assertEquals(List.of("login_x", "camera.delete", "login"), actions(search.find(query("ana", null, null))));
        assertEquals(List.of("login.failed"), actions(search.find(query(null, "login.failed", null))));
        assertEquals(List.of("login_x", "login.failed", "login"), actions(search.find(query(null, "login*", null))));
        assertEquals(List.of("login.failed"), actions(search.find(query(null, "login.*", null))));
        assertEquals(List.of(), actions(search.find(query(null, "login%", null))), "% is literal, not a wildcard");
        assertEquals(List.of("camera.delete"), actions(search.find(query(null, null, "cam-1"))));
        assertEquals(List.of("camera.delete", "login.failed"), actions(search.find(new AuditQuery(
                T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3)), null, null, null, 10, null))));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void pagesWalkEverythingNewestFirstWithoutGapsOrRepeats(TestDatabase db) {
        AuditLog log = new AuditLog(db.jdbc(), clock);
        for (int i = 0; i < 7; i++) {
            log.record("u", "a" + i, null, null, null);
        }
        AuditSearch search = new AuditSearch(db.jdbc());
        List<String> seen = new ArrayList<>();
        Long cursor = null;
        int pages = 0;
        do {
            AuditPage page = search.find(new AuditQuery(null, null, "u", null, null, 3, cursor));
            seen.addAll(actions(page));
            cursor = page.nextCursor() == null ? null : AuditSearch.parseCursor(page.nextCursor());
            pages++;
        } while (cursor != null);
        assertEquals(List.of("a6", "a5", "a4", "a3", "a2", "a1", "a0"), seen);
        assertEquals(3, pages);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void overlongValuesAreCutNotRejected(TestDatabase db) {
        new AuditLog(db.jdbc(), clock).record("x".repeat(100), "login.failed", "t".repeat(600), "d".repeat(5000),
                "r".repeat(200));
        AuditEntry e = new AuditSearch(db.jdbc()).find(AuditQuery.latest(1)).items().get(0);
        assertEquals(64, e.actor().length());
        assertEquals(500, e.target().length());
        assertEquals(AuditLog.MAX_DETAIL_CHARS, e.detail().length());
        assertTrue(e.detail().endsWith("…"));
        assertEquals(100, e.remoteAddress().length());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void entryWithoutActionIsRefused(TestDatabase db) {
        assertEquals("action", assertThrows(VmsException.class,
                () -> new AuditLog(db.jdbc(), clock).record("a", " ", null, null, null)).field());
    }

    @org.junit.jupiter.api.Test
    void badQueriesNameTheField() {
        assertEquals("limit", assertThrows(VmsException.class, () -> AuditQuery.latest(0)).field());
        assertEquals("limit", assertThrows(VmsException.class, () -> AuditQuery.latest(1001)).field());
        assertEquals("to", assertThrows(VmsException.class,
                () -> new AuditQuery(T0, T0, null, null, null, 10, null)).field());
        assertEquals("cursor", assertThrows(VmsException.class, () -> AuditSearch.parseCursor("abc")).field());
        assertEquals("cursor", assertThrows(VmsException.class, () -> AuditSearch.parseCursor("-5")).field());
    }

    private static List<String> actions(AuditPage page) {
        return page.items().stream().map(AuditEntry::action).toList();
    }
}
