package org.skynet.vms.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class CameraRegistryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    static CameraRegistry registry(TestDatabase db) {
        byte[] key = new byte[32];
        key[0] = 1;
        return new CameraRegistry(db.jdbc(), new SecretBox(key), Clock.fixed(T0, ZoneOffset.UTC));
    }

    static CameraDraft draft(String id, String district, String name, String... tags) {
        return new CameraDraft().id(id).name(name).district(district).lat(23.0).lon(113.75).bearing(90.0).fov(60.0)
                .range(50.0).rtspUrl("rtsp://192.0.2.1/" + id).tags(List.of(tags));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void createGetUpdateDelete(TestDatabase db) {
        CameraRegistry r = registry(db);
        Camera created = r.create(draft("cam-1", "Nancheng", "North Gate", "HD", "street", "hd"));
        assertEquals(List.of("hd", "street"), created.tags());
        assertEquals(created, r.get("cam-1"));
        assertEquals(T0, r.get("cam-1").createdAt());

        Camera updated = r.update("cam-1", d -> d.name("South Gate").tags(List.of("ptz")).enabled(false));
        assertEquals("South Gate", updated.name());
        assertEquals(updated, r.get("cam-1"));
        assertEquals(List.of("cam-1"), ids(r.list(new CameraFilter(null, "ptz", false, null), 10, null)));
        assertEquals(List.of(), ids(r.list(new CameraFilter(null, "hd", null, null), 10, null)));

        r.delete("cam-1");
        assertTrue(r.find("cam-1").isEmpty());
        assertEquals(0L, db.jdbc().queryOne("SELECT COUNT(*) FROM camera_tags", rs -> rs.getLong(1)).orElseThrow(),
                "tags go with their camera");
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class, () -> r.delete("cam-1")).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class, () -> r.update("cam-1", d -> { })).kind());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void listenersHearEveryCommittedChangeAndNoFailedOne(TestDatabase db) {
        CameraRegistry r = registry(db);
        List<CameraChange> heard = new java.util.ArrayList<>();
        r.onChange(c -> {
            assertTrue(c.written().stream().allMatch(cam -> r.find(cam.id()).isPresent()), "told after the commit");
            heard.add(c);
        });
        r.onChange(c -> {
            throw new IllegalStateException("a broken listener does not undo the change");
        });
        Camera created = r.create(draft("cam-1", "Nancheng", "a"));
        Camera disabled = r.update("cam-1", d -> d.enabled(false));
        r.importAll(new ImportBatch(List.of(ImportRow.of(2, draft("cam-2", "Nancheng", "b")),
                ImportRow.of(3, draft("cam-3", "Nancheng", "c"))), List.of()));
        r.delete("cam-1");
        assertThrows(ImportRejected.class, () -> r.importAll(new ImportBatch(List.of(ImportRow.of(2,
                draft("cam-2", "Nancheng", "again"))), List.of())));
        assertThrows(VmsException.class, () -> r.create(draft("cam-2", "Nancheng", "again")));

        assertEquals(4, heard.size(), "a rejected import and a conflicting create are not changes: " + heard);
        assertEquals(List.of(created), heard.get(0).written());
        assertEquals(List.of(disabled), heard.get(1).written());
        assertEquals(List.of("cam-2", "cam-3"), heard.get(2).written().stream().map(Camera::id).toList());
        assertEquals(List.of("cam-1"), heard.get(3).deleted());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void duplicateIdIsAConflictAndBadFieldIsNamed(TestDatabase db) {
        CameraRegistry r = registry(db);
        r.create(draft("cam-1", "Nancheng", "a"));
        assertEquals(ErrorKind.CONFLICT, assertThrows(VmsException.class, () -> r.create(draft("cam-1", "X", "b"))).kind());
        VmsException bad = assertThrows(VmsException.class, () -> r.create(draft("cam-2", "X", "b").lat(95.0)));
        assertEquals("lat", bad.field());
        VmsException url = assertThrows(VmsException.class,
                () -> r.create(draft("cam-2", "X", "b").rtspUrl("rtsp://admin:secret@192.0.2.1/")));
        assertEquals("rtspUrl", url.field());
        assertFalse(url.getMessage().contains("secret"));
        assertEquals("id", assertThrows(VmsException.class, () -> r.update("cam-1", d -> d.id("cam-9"))).field());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void passwordIsSealedAtRestAndOpensAgain(TestDatabase db) {
        CameraRegistry r = registry(db);
        Camera c = r.create(draft("cam-1", "Nancheng", "a").username("admin").password("Very$ecret42"));
        assertTrue(c.hasCredentials());
        String raw = db.jdbc().queryOne("SELECT password_enc FROM cameras WHERE id = ?", rs -> rs.getString(1), "cam-1")
                .orElseThrow();
        assertFalse(raw.contains("Very$ecret42"));
        assertTrue(raw.startsWith("v1."));
        assertEquals(new Credentials("admin", "Very$ecret42"), r.credentials("cam-1").orElseThrow());

        r.update("cam-1", d -> d.name("renamed"));
        assertEquals(new Credentials("admin", "Very$ecret42"), r.credentials("cam-1").orElseThrow(),
                "an update that does not touch credentials keeps them");
        r.update("cam-1", d -> d.username(null).password(null));
        assertTrue(r.credentials("cam-1").isEmpty());
        assertFalse(r.get("cam-1").hasCredentials());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void pagesCoverEveryMatchOnceWithFilters(TestDatabase db) {
        CameraRegistry r = registry(db);
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            String district = i % 3 == 0 ? "Nancheng" : "Dongcheng";
            String name = (i % 5 == 0 ? "Hongfu Rd " : "Xihu Rd ") + i;
            rows.add(ImportRow.of(i + 2, draft(String.format(Locale.ROOT, "cam-%04d", i), district, name,
                    i % 2 == 0 ? "even" : "odd")));
        }
        assertEquals(230, r.importAll(new ImportBatch(rows, List.of())));

        CameraFilter filter = new CameraFilter("Nancheng", null, null, "HONGFU");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 230; i += 15) {
            expected.add(String.format(Locale.ROOT, "cam-%04d", i));
        }
        assertEquals(expected, walk(r, filter, 4));
        assertEquals(230, walk(r, CameraFilter.ALL, 7).size());
        assertEquals(115, walk(r, new CameraFilter(null, "even", null, null), 50).size());
        assertEquals(List.of("cam-0042"), walk(r, new CameraFilter(null, null, true, "m-0042"), 10));
        assertEquals(List.of(), walk(r, new CameraFilter(null, null, false, null), 10));
        assertEquals(List.of(), walk(r, new CameraFilter(null, null, null, "100%"), 10), "% is not a wildcard");
        assertEquals(List.of(new DistrictCount("Dongcheng", 153), new DistrictCount("Nancheng", 77)), r.districts());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void cursorOfAnotherFilterOrForgedIsRefused(TestDatabase db) {
        CameraRegistry r = registry(db);
        for (int i = 0; i < 5; i++) {
            r.create(draft("cam-" + i, "Nancheng", "n" + i));
        }
        CameraPage first = r.list(new CameraFilter("Nancheng", null, null, null), 2, null);
        assertNotNull(first.nextCursor());
        VmsException other = assertThrows(VmsException.class,
                () -> r.list(new CameraFilter("Dongcheng", null, null, null), 2, first.nextCursor()));
        assertEquals("cursor", other.field());
        assertEquals(ErrorKind.INVALID_ARGUMENT, other.kind());
        assertEquals("cursor", assertThrows(VmsException.class, () -> r.list(CameraFilter.ALL, 2, "!!not-base64")).field());
        assertEquals("cursor", assertThrows(VmsException.class, () -> r.list(CameraFilter.ALL, 2, "Y2FtLTF-eHh4")).field());
        assertEquals(List.of("cam-2", "cam-3"), ids(r.list(new CameraFilter("Nancheng", null, null, null), 2, first.nextCursor())));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void importIsAllOrNothingAndListsEveryProblem(TestDatabase db) {
        CameraRegistry r = registry(db);
        r.create(draft("cam-old", "Nancheng", "existing"));
        List<ImportRow> rows = List.of(
                ImportRow.of(2, draft("cam-a", "Nancheng", "a")),
                ImportRow.of(3, draft("cam-old", "Nancheng", "b")),
                ImportRow.of(4, draft("cam-a", "Nancheng", "c")),
                ImportRow.of(5, draft("cam-d", "Nancheng", "d").fov(0.0)));
        ImportRejected e = assertThrows(ImportRejected.class, () -> r.importAll(new ImportBatch(rows, List.of())));
        assertEquals(List.of(3, 4, 5), e.problems().stream().map(ImportProblem::line).toList());
        assertEquals(List.of("id", "id", "fov"), e.problems().stream().map(ImportProblem::column).toList());
        assertEquals("3 problems in import", e.getMessage());
        assertEquals(1, r.count(), "nothing of a rejected file is stored");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void forEachVisitsAllInIdOrder(TestDatabase db) {
        CameraRegistry r = registry(db);
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            rows.add(ImportRow.of(i + 2, draft(String.format(Locale.ROOT, "c%05d", 2499 - i), "D", "n")));
        }
        r.importAll(new ImportBatch(rows, List.of()));
        List<String> seen = new ArrayList<>();
        r.forEach(CameraFilter.ALL, c -> seen.add(c.id()));
        assertEquals(2500, seen.size());
        assertEquals("c00000", seen.get(0));
        assertEquals("c02499", seen.get(2499));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void bulkCredentialsAreDecryptedAndSkipCamerasWithoutAndUnknownIds(TestDatabase db) {
        CameraRegistry r = registry(db);
        List<ImportRow> rows = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        Map<String, Credentials> expected = new HashMap<>();
        for (int i = 0; i < 2300; i++) {
            String id = String.format(Locale.ROOT, "c%05d", i);
            CameraDraft d = draft(id, "D", "n");
            if (i % 3 == 0) {
                d.username("admin" + i).password("Pw$" + i);
                expected.put(id, new Credentials("admin" + i, "Pw$" + i));
            } else if (i % 3 == 1) {
                d.username("viewer" + i);
                expected.put(id, new Credentials("viewer" + i, ""));
            }
            rows.add(ImportRow.of(i + 2, d));
            asked.add(id);
        }
        r.importAll(new ImportBatch(rows, List.of()));
        asked.add("no-such-camera");
        asked.add("c00000");

        Map<String, Credentials> creds = r.credentials(asked);

        assertTrue(asked.size() > 2 * CameraRegistry.CREDENTIALS_CHUNK, "spans several chunks");
        assertEquals(expected, creds);
        assertFalse(creds.containsKey("c00002"), "a camera without credentials is left out");
        assertEquals(r.credentials("c01500"), Optional.ofNullable(creds.get("c01500")),
                "same answer as the single-camera read");
        assertEquals(Map.of(), r.credentials(List.of()));
        assertEquals(Map.of(), r.credentials(List.of("no-such-camera")));
    }

    static List<String> walk(CameraRegistry r, CameraFilter filter, int limit) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            CameraPage page = r.list(filter, limit, cursor);
            assertTrue(page.items().size() <= limit);
            for (Camera c : page.items()) {
                assertTrue(seen.add(c.id()), "duplicate " + c.id());
                out.add(c.id());
            }
            cursor = page.nextCursor();
            if (cursor != null) {
                assertEquals(limit, page.items().size(), "only the last page is short");
            }
        } while (cursor != null);
        assertNull(cursor);
        return out;
    }

    private static List<String> ids(CameraPage page) {
        return page.items().stream().map(Camera::id).toList();
    }
}
