package org.skynet.vms.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;

class DemoDataTest {
    private static SimulatedFleet fleet;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(25).build());
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
    }

    @Test
    void sameValidCamerasInDongguanEveryTimeServedByTheFleet() {
        List<Camera> a = cameras();
        assertEquals(a, cameras());
        assertEquals(25, a.size());
        assertEquals(a.size(), a.stream().map(Camera::id).distinct().count());
        for (int i = 0; i < a.size(); i++) {
            Camera c = a.get(i);
            assertTrue(c.placement().lat() >= 22.9 && c.placement().lat() <= 23.1, c.toString());
            assertTrue(c.placement().lon() >= 113.7 && c.placement().lon() <= 113.9, c.toString());
            assertEquals(fleet.cameras().get(i).rtspMainUrl(), c.rtspUrl());
            assertEquals(fleet.cameras().get(i).onvifUrl(), c.onvifUrl());
        }
        Set<String> districts = a.stream().map(Camera::district).collect(Collectors.toSet());
        assertTrue(districts.containsAll(Set.of("Nancheng", "Dongcheng", "Guancheng", "Wanjiang")), districts.toString());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void loadsOnlyIntoAnEmptyRegistry(TestDatabase db) {
        CameraRegistry r = new CameraRegistry(db.jdbc(), new SecretBox(new byte[32]), java.time.Clock.systemUTC());
        assertEquals(25, DemoData.loadIfEmpty(r, fleet.cameras()));
        assertEquals(0, DemoData.loadIfEmpty(r, fleet.cameras()));
        assertEquals(25, r.count());
    }

    private static List<Camera> cameras() {
        return DemoData.cameras(fleet.cameras()).stream()
                .peek(d -> assertEquals(List.of(), d.problems()))
                .map((CameraDraft d) -> d.toCamera(Instant.EPOCH, Instant.EPOCH))
                .toList();
    }
}
