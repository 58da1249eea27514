package org.skynet.vms.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;

class DemoDataTest {
    @Test
    void sameValidCamerasInDongguanEveryTime() {
        List<Camera> a = cameras();
        assertEquals(a, cameras());
        assertEquals(DemoData.DEFAULT_COUNT, a.size());
        assertEquals(a.size(), a.stream().map(Camera::id).distinct().count());
        for (Camera c : a) {
            assertTrue(c.placement().lat() >= 22.9 && c.placement().lat() <= 23.1, c.toString());
            assertTrue(c.placement().lon() >= 113.7 && c.placement().lon() <= 113.9, c.toString());
            assertTrue(c.rtspUrl().startsWith("rtsp://127.0.0.1:"));
        }
        Set<String> districts = a.stream().map(Camera::district).collect(Collectors.toSet());
        assertTrue(districts.containsAll(Set.of("Nancheng", "Dongcheng", "Guancheng", "Wanjiang")), districts.toString());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void loadsOnlyIntoAnEmptyRegistry(TestDatabase db) {
        CameraRegistry r = new CameraRegistry(db.jdbc(), new SecretBox(new byte[32]), java.time.Clock.systemUTC());
        assertEquals(300, DemoData.loadIfEmpty(r, 300));
        assertEquals(0, DemoData.loadIfEmpty(r, 300));
        assertEquals(300, r.count());
    }

    private static List<Camera> cameras() {
        return DemoData.cameras(DemoData.DEFAULT_COUNT).stream()
                .peek(d -> assertEquals(List.of(), d.problems()))
                .map((CameraDraft d) -> d.toCamera(Instant.EPOCH, Instant.EPOCH))
                .toList();
    }
}
