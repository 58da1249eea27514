package org.skynet.vms.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.exports.ExportRecord;
import org.skynet.vms.core.exports.ExportStore;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A {@link DistrictScope} as part of the camera queries, on H2 and PostgreSQL: lists, paging, lookups, exports. */
class CameraScopeTest {
    private static final DistrictScope NANCHENG = new DistrictScope(Set.of("Nancheng"));
    private static final DistrictScope TWO = new DistrictScope(Set.of("Nancheng", "Humen"));

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void scopedListsPageOverTheirDistrictsOnly(TestDatabase db) {
        CameraRegistry r = CameraRegistryTest.registry(db);
        String[] districts = {"Nancheng", "Dongcheng", "Humen"};
        List<String> nancheng = new ArrayList<>();
        List<String> two = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = String.format(Locale.ROOT, "cam-%02d", i);
            String d = districts[i % 3];
            r.create(CameraRegistryTest.draft(id, d, "Xihu Rd " + i, i % 2 == 0 ? "even" : "odd"));
            if (d.equals("Nancheng")) {
                nancheng.add(id);
            }
            if (!d.equals("Dongcheng")) {
                two.add(id);
            }
        }
        assertEquals(nancheng, CameraRegistryTest.walk(r, new CameraFilter(null, null, null, null, NANCHENG), 3));
        assertEquals(two, CameraRegistryTest.walk(r, new CameraFilter(null, null, null, null, TWO), 4));
        assertEquals(List.of(), CameraRegistryTest.walk(r, new CameraFilter("Dongcheng", null, null, null, TWO), 4));
        assertEquals(nancheng.stream().filter(id -> Integer.parseInt(id.substring(4)) % 2 == 0).toList(),
                CameraRegistryTest.walk(r, new CameraFilter(null, "even", null, null, NANCHENG), 2));
        assertEquals(40, CameraRegistryTest.walk(r, new CameraFilter(null, null, null, null, DistrictScope.ALL), 9).size());

        List<String> exported = new ArrayList<>();
        r.forEach(new CameraFilter(null, null, null, null, NANCHENG), c -> exported.add(c.id()));
        assertEquals(nancheng, exported);
        assertEquals(List.of(new DistrictCount("Humen", 13), new DistrictCount("Nancheng", 14)), r.districts(TWO));

        CameraPage unscoped = r.list(CameraFilter.ALL, 2, null);
        assertEquals("cursor", assertThrows(VmsException.class,
                () -> r.list(new CameraFilter(null, null, null, null, NANCHENG), 2, unscoped.nextCursor())).field(),
                "a cursor only continues the list of its own scope");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void outsideTheScopeIsTheSameNotFoundAsAbsent(TestDatabase db) {
        CameraRegistry r = CameraRegistryTest.registry(db);
        r.create(CameraRegistryTest.draft("cam-n", "Nancheng", "n"));
        r.create(CameraRegistryTest.draft("cam-d", "Dongcheng", "d"));
        assertEquals("cam-n", r.get("cam-n", NANCHENG).id());
        assertEquals("cam-d", r.get("cam-d", DistrictScope.ALL).id());
        VmsException outside = assertThrows(VmsException.class, () -> r.get("cam-d", NANCHENG));
        VmsException absent = assertThrows(VmsException.class, () -> r.get("cam-x", NANCHENG));
        assertEquals(ErrorKind.NOT_FOUND, outside.kind());
        assertEquals(absent.getMessage().replace("cam-x", "cam-d"), outside.getMessage());

        ExportStore exports = new ExportStore(new Jdbc(db.database()));
        Instant t0 = Instant.parse("2026-11-26T06:00:00Z");
        for (String cameraId : List.of("cam-n", "cam-d", "cam-gone")) {
            exports.insert(new ExportRecord("e-" + cameraId, cameraId, t0, t0.plusSeconds(60), "una", t0,
                    ExportRecord.PENDING, null, null, null));
        }
        assertEquals(List.of("e-cam-n"), exports.newest(10, NANCHENG).stream().map(ExportRecord::id).toList());
        assertEquals(3, exports.newest(10, DistrictScope.ALL).size());
    }
}
