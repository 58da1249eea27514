package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.LocalProjection;
import org.skynet.vms.core.coverage.Place;

/**
 * {@code benchmarks/run coverage [--cameras 160000] [--places 20000] [--updates 2000] [--seed 42]}:
 * a synthetic city the size of Dongguan (113.7&ndash;113.9 E, 22.9&ndash;23.1 N, seeded), live
 * coverage computed in full (cold, as at server start; a warm recomputation is logged too), then
 * single cameras going offline one at a time, each followed by an incremental update. Progress goes to stderr; the last stdout line is one JSON object with the
 * full-computation time (wall and process CPU, cold and JIT-warm), heap used after GC, peak resident set,
 * the p50/p99 update latency, the live rate, and the processors and load average it ran with.
 *
 * <p>Places are rotated rectangles of 30&ndash;200 m sides. Three cameras in five stand near a place
 * (within 120 m of its centre, facing it within &plusmn;30&deg;), the rest anywhere; fov 40&ndash;120&deg;
 * with one in ten a 360&deg; dome, range 30&ndash;120 m.
 */
public final class CoverageScenario {
    private static final double WEST = 113.7;
    private static final double EAST = 113.9;
    private static final double SOUTH = 22.9;
    private static final double NORTH = 23.1;

    private CoverageScenario() {
    }

    public static void main(String[] args) {
        int cameraCount = intOption(args, "--cameras", 160_000);
        int placeCount = intOption(args, "--places", 20_000);
        int updates = intOption(args, "--updates", 2_000);
        long seed = intOption(args, "--seed", 42);
        Random random = new Random(seed);
        LocalProjection city = new LocalProjection((SOUTH + NORTH) / 2, (WEST + EAST) / 2);
        GeometryFactory factory = new GeometryFactory();

        List<Place> places = new ArrayList<>(placeCount);
        List<Coordinate> centres = new ArrayList<>(placeCount);
        for (int i = 0; i < placeCount; i++) {
            Coordinate centre = randomPoint(random);
            centres.add(centre);
            places.add(rectangle(city, factory, "P" + i, centre, random, i));
        }
        List<CameraView> cameras = new ArrayList<>(cameraCount);
        for (int i = 0; i < cameraCount; i++) {
            cameras.add(camera(city, "C" + i, random, random.nextInt(5) < 3
                    ? centres.get(random.nextInt(placeCount)) : null));
        }
        Set<String> offline = ConcurrentHashMap.newKeySet();
        for (CameraView c : cameras) {
            if (random.nextInt(100) < 3) {
                offline.add(c.id());
            }
        }
        log("generated %d places, %d cameras (%d offline), seed %d", placeCount, cameraCount, offline.size(), seed);

        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        CoverageEngine engine = CoverageEngine.compute(places, cameras, CoverageMode.LIVE, id -> !offline.contains(id));
        double fullSeconds = (System.nanoTime() - start) / 1e9;
        double fullCpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        CoverageSnapshot first = engine.snapshot();
        // CPU time tells how much of the wall time was ours when other processes share the cores.
        log("full computation: %.2f s wall, %.2f s CPU on %d processors, rate %.4f (%d/%d covered)", fullSeconds,
                fullCpuSeconds, Runtime.getRuntime().availableProcessors(), first.summary().total().rate(),
                first.summary().total().placesCovered(), placeCount);

        double heapMiB = heapUsedAfterGc() / (1024.0 * 1024.0);
        log("heap used after GC: %.1f MiB", heapMiB);
        long warmCpuStart = processCpuNanos();
        long warmStart = System.nanoTime();
        engine.recomputeAll();
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        double warmCpuSeconds = (processCpuNanos() - warmCpuStart) / 1e9;
        log("full recomputation, JIT warm: %.2f s wall, %.2f s CPU", warmSeconds, warmCpuSeconds);

        long[] nanos = new long[updates];
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < updates; i++) {
            String id;
            do {
                id = cameras.get(random.nextInt(cameraCount)).id();
            } while (offline.contains(id) || !picked.add(id));
            offline.add(id);
            long t = System.nanoTime();
            engine.stateChanged(id);
            nanos[i] = System.nanoTime() - t;
            if ((i + 1) % 500 == 0) {
                log("%d updates", i + 1);
            }
        }
        Arrays.sort(nanos);
        double p50 = percentile(nanos, 0.50) / 1e6;
        double p99 = percentile(nanos, 0.99) / 1e6;
        log("incremental: p50 %.3f ms, p99 %.3f ms, max %.3f ms; rate now %.4f", p50, p99,
                nanos[nanos.length - 1] / 1e6, engine.snapshot().summary().total().rate());
        double peakRssMiB = peakResidentKiB() / 1024.0;
        log("peak resident set: %.1f MiB", peakRssMiB);
        System.out.println(String.format(Locale.ROOT,
                "{\"scenario\":\"coverage\",\"cameras\":%d,\"places\":%d,\"fullSeconds\":%.3f,\"heapMiB\":%.1f,"
                        + "\"incrementalP50Millis\":%.3f,\"incrementalP99Millis\":%.3f,\"fullCpuSeconds\":%.3f,"
                        + "\"warmSeconds\":%.3f,\"warmCpuSeconds\":%.3f,\"rate\":%.4f,\"peakRssMiB\":%.1f,"
                        + "\"processors\":%d,\"loadAverage\":%.2f}",
                cameraCount, placeCount, fullSeconds, heapMiB, p50, p99, fullCpuSeconds, warmSeconds, warmCpuSeconds,
                first.summary().total().rate(), peakRssMiB, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    }

    private static Coordinate randomPoint(Random random) {
        return new Coordinate(WEST + random.nextDouble() * (EAST - WEST), SOUTH + random.nextDouble() * (NORTH - SOUTH));
    }

    private static Place rectangle(LocalProjection city, GeometryFactory factory, String id, Coordinate centre,
            Random random, int i) {
        double w = 30 + random.nextDouble() * 170;
        double h = 30 + random.nextDouble() * 170;
        double angle = random.nextDouble() * Math.PI;
        Coordinate c = city.forward(centre.y, centre.x, new Coordinate());
        double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
        Coordinate[] ring = new Coordinate[5];
        for (int k = 0; k < 4; k++) {
            double x = c.x + corners[k][0] * Math.cos(angle) - corners[k][1] * Math.sin(angle);
            double y = c.y + corners[k][0] * Math.sin(angle) + corners[k][1] * Math.cos(angle);
            ring[k] = city.inverse(x, y, new Coordinate());
        }
        ring[4] = ring[0].copy();
        return new Place(id, "Place " + i, i % 4 == 0 ? "square" : i % 4 == 1 ? "station" : "street",
                "D" + (i % 32), 0.8, factory.createPolygon(ring));
    }

    private static CameraView camera(LocalProjection city, String id, Random random, Coordinate near) {
        double lat;
        double lon;
        double bearing;
        if (near == null) {
            Coordinate p = randomPoint(random);
            lat = p.y;
            lon = p.x;
            bearing = random.nextDouble() * 360;
        } else {
            Coordinate c = city.forward(near.y, near.x, new Coordinate());
            double d = random.nextDouble() * 120;
            double a = random.nextDouble() * 2 * Math.PI;
            Coordinate p = city.inverse(c.x + d * Math.sin(a), c.y + d * Math.cos(a), new Coordinate());
            lat = p.y;
            lon = p.x;
            // Facing back towards the place centre, give or take 30 degrees.
            bearing = Math.toDegrees(a) + 180 + (random.nextDouble() - 0.5) * 60;
        }
        double fov = random.nextInt(10) == 0 ? 360 : 40 + random.nextDouble() * 80;
        double range = 30 + random.nextDouble() * 90;
        return new CameraView(id, lat, lon, bearing, fov, range, true, "D" + random.nextInt(32));
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Peak resident set size of this process (VmHWM), KiB; -1 where /proc is not available. */
    private static long peakResidentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long percentile(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void log(String format, Object... values) {
        System.err.println("coverage: " + String.format(Locale.ROOT, format, values));
    }
}
