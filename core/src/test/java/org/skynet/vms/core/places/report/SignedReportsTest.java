package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** Signed reports come back exactly as signed, newest first, and a row whose figures were altered is refused. */
class SignedReportsTest {
    private static final Instant SIGNED = Instant.parse("2026-11-26T09:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void storesListsAndReturnsTheSignedSnapshot(TestDatabase db) {
        SignedReports store = new SignedReports(db.jdbc(), Clock.fixed(SIGNED, ZoneOffset.UTC));
        CoverageReport report = ReportFixtures.report();
        Signature first = store.sign(report, "supervisor", "  all good  ");
        Signature second = store.sign(report, "admin", " ");
        assertEquals("all good", first.note());
        assertNull(second.note());
        assertEquals(ReportCsv.sha256(report), first.csvSha256());

        SignedReport back = store.get(first.id());
        assertEquals(report, back.report(), "the stored JSON gives back the very same figures");
        assertEquals(first, back.signature());
        assertEquals(ReportCsv.write(report), ReportCsv.write(back.report()));

        List<SignedReportEntry> all = store.list(10, null);
        assertEquals(List.of(second.id(), first.id()), all.stream().map(e -> e.signature().id()).toList());
        assertEquals(report.city(), all.get(1).city());
        assertEquals("live", all.get(1).mode());
        assertEquals(report.generatedAt(), all.get(1).generatedAt());
        assertEquals(List.of(first.id()), store.list(10, second.id()).stream().map(e -> e.signature().id()).toList());
        assertEquals(1, store.list(1, null).size());

        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class, () -> store.get(999_999)).kind());
        assertEquals("note", assertThrows(VmsException.class,
                () -> store.sign(report, "supervisor", "x".repeat(SignedReports.MAX_NOTE_CHARS + 1))).field());

        db.jdbc().update("UPDATE coverage_reports SET report = REPLACE(report, '\"placesCovered\":2', '\"placesCovered\":3')"
                + " WHERE id = ?", first.id());
        VmsException altered = assertThrows(VmsException.class, () -> store.get(first.id()));
        assertEquals(ErrorKind.INTERNAL, altered.kind(), altered.getMessage());
    }
}
