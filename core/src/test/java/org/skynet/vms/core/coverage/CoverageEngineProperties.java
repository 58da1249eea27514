package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** Incremental updates give exactly what a fresh full computation gives, after every change. */
class CoverageEngineProperties {
    private static final double LAT = 23.02;
    private static final double LON = 113.75;
    private static final LocalProjection AREA = new LocalProjection(LAT, LON);
    private static final GeometryFactory FACTORY = new GeometryFactory();

    @Property(tries = 40)
    void incrementalEqualsFullRecomputation(@ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int placeCount,
            @ForAll @IntRange(min = 0, max = 25) int cameraCount, @ForAll boolean live) {
        Random random = new Random(seed);
        List<Place> places = new ArrayList<>();
        for (int i = 0; i < placeCount; i++) {
            places.add(randomPlace("P" + i, random));
        }
        Map<String, CameraView> cameras = new LinkedHashMap<>();
        for (int i = 0; i < cameraCount; i++) {
            CameraView c = randomCamera("C" + i, random);
            cameras.put(c.id(), c);
        }
        Set<String> online = new HashSet<>();
        cameras.keySet().forEach(id -> {
            if (random.nextBoolean()) {
                online.add(id);
            }
        });
        CoverageMode mode = live ? CoverageMode.LIVE : CoverageMode.DESIGNED;
        LiveStates states = online::contains;
        CoverageEngine engine = CoverageEngine.compute(places, cameras.values(), mode, states);
        int nextId = cameraCount;
        for (int step = 0; step < 30; step++) {
            List<String> ids = new ArrayList<>(cameras.keySet());
            String id = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
            int action = id == null ? 0 : random.nextInt(7);
            String what;
            switch (action) {
                case 0 -> {
                    CameraView c = randomCamera("C" + nextId++, random);
                    cameras.put(c.id(), c);
                    engine.cameraChanged(c);
                    what = "add " + c;
                }
                case 1 -> {
                    Coordinate p = AREA.inverse(random.nextDouble() * 400 - 200, random.nextDouble() * 400 - 200,
                            new Coordinate());
                    CameraView c = cameras.get(id).withPosition(p.y, p.x);
                    cameras.put(id, c);
                    engine.cameraChanged(c);
                    what = "move " + c;
                }
                case 2 -> {
                    CameraView c = cameras.get(id).withBearing(random.nextDouble() * 360);
                    cameras.put(id, c);
                    engine.cameraChanged(c);
                    what = "turn " + c;
                }
                case 3 -> {
                    CameraView c = cameras.get(id).withEnabled(!cameras.get(id).enabled());
                    cameras.put(id, c);
                    engine.cameraChanged(c);
                    what = "toggle enabled " + c;
                }
                case 4 -> {
                    cameras.remove(id);
                    engine.cameraRemoved(id);
                    what = "remove " + id;
                }
                default -> {
                    if (!online.remove(id)) {
                        online.add(id);
                    }
                    engine.stateChanged(id);
                    what = "toggle online " + id;
                }
            }
            CoverageSnapshot fresh = CoverageEngine.compute(places, cameras.values(), mode, states).snapshot();
            assertEquals(fresh.places(), engine.snapshot().places(), "after step " + step + ": " + what);
            assertEquals(fresh.summary(), engine.snapshot().summary(), "summary after step " + step);
        }
    }

    private static Place randomPlace(String id, Random random) {
        double cx = random.nextDouble() * 300 - 150;
        double cy = random.nextDouble() * 300 - 150;
        double w = 10 + random.nextDouble() * 80;
        double h = 10 + random.nextDouble() * 80;
        Coordinate[] ring = new Coordinate[5];
        double[][] corners = {{-w, -h}, {w, -h}, {w, h}, {-w, h}};
        for (int k = 0; k < 4; k++) {
            ring[k] = AREA.inverse(cx + corners[k][0] / 2, cy + corners[k][1] / 2, new Coordinate());
        }
        ring[4] = ring[0].copy();
        return new Place(id, null, "cat" + random.nextInt(2), "d" + random.nextInt(3), random.nextDouble(),
                FACTORY.createPolygon(ring));
    }

    private static CameraView randomCamera(String id, Random random) {
        Coordinate p = AREA.inverse(random.nextDouble() * 400 - 200, random.nextDouble() * 400 - 200, new Coordinate());
        double fov = random.nextInt(5) == 0 ? 360 : 10 + random.nextDouble() * 340;
        return new CameraView(id, p.y, p.x, random.nextDouble() * 360, fov, 10 + random.nextDouble() * 110,
                random.nextInt(6) != 0, "d");
    }
}
