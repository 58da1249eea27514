package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.CatalogueWriter;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentNaming;

/** The JDBC catalogue and recording modes on H2 and PostgreSQL, including a database outage. */
class JdbcSegmentCatalogueTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final Path ROOT = Path.of("/srv/vms/recordings");
    private static final String SHA = "ab".repeat(32);

    private static SegmentFile file(String camera, Instant start, int seconds, boolean closed) {
        return new SegmentFile(camera, SegmentNaming.path(ROOT, camera, start, 0), Codec.H264, 1920, 1080, start,
                seconds * 90_000L, seconds * 25L, seconds, seconds * 100_000L, closed ? SHA : null,
                closed ? CloseReason.ROTATED : null);
    }

    private static SegmentRow row(String camera, Instant start, int seconds, boolean closed) {
        return SegmentRow.of(ROOT, file(camera, start, seconds, closed));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void upsertInsertsThenReplacesByPath(TestDatabase db) {
        JdbcSegmentCatalogue cat = new JdbcSegmentCatalogue(db.jdbc());
        SegmentRow open = row("cam-1", T0, 10, false);
        cat.upsert(List.of(open));
        assertEquals(open, cat.find(open.storageRoot(), open.path()).orElseThrow());
        assertEquals(List.of(open), cat.openSegments(open.storageRoot()));

        SegmentRow closed = row("cam-1", T0, 60, true);
        cat.upsert(List.of(closed));
        SegmentRow stored = cat.find(open.storageRoot(), open.path()).orElseThrow();
        assertEquals(closed, stored);
        assertEquals(SegmentState.CLOSED, stored.state());
        assertEquals(T0.plusSeconds(60), stored.endWall());
        assertEquals("ROTATED", stored.closeReason());
        assertTrue(cat.openSegments(open.storageRoot()).isEmpty());
        assertTrue(cat.openSegments("/elsewhere").isEmpty());

        cat.remove(open.storageRoot(), open.path());
        assertTrue(cat.find(open.storageRoot(), open.path()).isEmpty());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void rangeQueriesReturnOverlappingSegmentsInOrder(TestDatabase db) {
        JdbcSegmentCatalogue cat = new JdbcSegmentCatalogue(db.jdbc());
        List<SegmentRow> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(row("cam-1", T0.plusSeconds(60L * i), 60, true));
        }
        rows.add(row("cam-2", T0, 60, true));
        cat.upsert(rows);

        List<SegmentRow> got = cat.segments("cam-1", T0.plusSeconds(90), T0.plusSeconds(240), 100);
        assertEquals(List.of(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180)),
                got.stream().map(SegmentRow::startWall).toList());
        assertEquals(2, cat.segments("cam-1", T0, T0.plusSeconds(600), 2).size(), "limit");
        assertTrue(cat.segments("cam-1", T0.plusSeconds(600), T0.plusSeconds(700), 100).isEmpty());
        assertEquals(1, cat.segments("cam-2", T0.minusSeconds(5), T0.plusSeconds(1), 100).size());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void largeMixedBatchIsOneTransaction(TestDatabase db) {
        JdbcSegmentCatalogue cat = new JdbcSegmentCatalogue(db.jdbc());
        List<SegmentRow> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(row("cam-" + (i % 7), T0.plusSeconds(60L * i), 5, false));
        }
        cat.upsert(first);
        List<SegmentRow> second = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            second.add(row("cam-" + (i % 7), T0.plusSeconds(60L * i), 60, true));
        }
        cat.upsert(second);
        assertTrue(cat.openSegments(ROOT.toAbsolutePath().normalize().toString()).isEmpty());
        assertEquals(100, cat.segments("cam-0", T0.minusSeconds(1), T0.plus(Duration.ofDays(1)), 10_000).size());

        SegmentRow bad = new SegmentRow("x".repeat(65), "/r", "p", T0, T0, 0, 0, 0, null, SegmentState.OPEN, null);
        assertThrows(VmsException.class, () -> cat.upsert(List.of(row("cam-9", T0, 1, false), bad)));
        assertTrue(cat.segments("cam-9", T0.minusSeconds(1), T0.plusSeconds(5), 10).isEmpty(), "rolled back");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void writerKeepsRowsThroughAnOutageAndStoresTheLatestState(TestDatabase db) throws Exception {
        FlakyCatalogue flaky = new FlakyCatalogue(new JdbcSegmentCatalogue(db.jdbc()));
        try (CatalogueWriter writer = new CatalogueWriter(flaky, ROOT, Duration.ofHours(1))) {
            writer.opened(file("cam-1", T0, 0, false));
            assertTrue(writer.flush().get(10, TimeUnit.SECONDS));
            flaky.down(true);
            writer.fragmentWritten(file("cam-1", T0, 1, false));
            writer.closed(file("cam-1", T0, 60, true));
            writer.opened(file("cam-1", T0.plusSeconds(60), 0, false));
            writer.closed(file("cam-1", T0.plusSeconds(60), 30, true));
            assertFalse(writer.flush().get(10, TimeUnit.SECONDS));
            assertEquals(2, writer.pendingRows(), "one row per file, kept while the database is down");
            assertTrue(flaky.refused() > 0);
            flaky.down(false);
            assertTrue(writer.flush().get(10, TimeUnit.SECONDS));
        }
        JdbcSegmentCatalogue cat = new JdbcSegmentCatalogue(db.jdbc());
        List<SegmentRow> rows = cat.segments("cam-1", T0, T0.plusSeconds(3600), 10);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.state() == SegmentState.CLOSED && SHA.equals(r.sha256())));
        assertEquals(List.of(60L * 25, 30L * 25), rows.stream().map(SegmentRow::frames).toList());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void recordingModesDefaultToOffAndFollowTheCamera(TestDatabase db) {
        db.jdbc().update("INSERT INTO cameras (id, name, district, search_text, lat, lon, bearing, fov, range_m, "
                + "tags, enabled, created_at, updated_at) VALUES ('cam-1', 'North Gate', 'd1', 'cam-1', 23.0, 113.7, "
                + "0, 60, 50, '', TRUE, ?, ?)", T0, T0);
        RecordingModes modes = new RecordingModes(db.jdbc(), Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(RecordingMode.OFF, modes.mode("cam-1"));
        modes.set("cam-1", RecordingMode.CONTINUOUS);
        assertEquals(RecordingMode.CONTINUOUS, modes.mode("cam-1"));
        assertEquals(Map.of("cam-1", RecordingMode.CONTINUOUS), modes.recorded());
        modes.set("cam-1", RecordingMode.OFF);
        assertEquals(Map.of(), modes.recorded());
        assertThrows(VmsException.class, () -> modes.set("no-such-camera", RecordingMode.EVENTS));
        db.jdbc().update("DELETE FROM cameras WHERE id = 'cam-1'");
        assertEquals(RecordingMode.OFF, modes.mode("cam-1"), "removed with the camera");
    }
}
