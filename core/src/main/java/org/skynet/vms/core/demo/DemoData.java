package org.skynet.vms.core.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.ImportBatch;
import org.skynet.vms.core.registry.ImportRow;

/**
 * The demo's cameras: {@link #DEFAULT_COUNT} cameras spread over a few Dongguan districts
 * (113.7–113.9 E, 22.9–23.1 N), each near a street of its district, pointing a realistic view cone.
 * Generated from a fixed seed, so every demo start shows the same city. Camera {@code i} is served by
 * simulated camera {@code i} of the demo's fleet (its ONVIF and RTSP URLs and credentials).
 */
public final class DemoData {
    /** Cameras loaded by {@code vms demo}. */
    public static final int DEFAULT_COUNT = 300;
    /** The seed of the generator: change it and every demo map changes. */
    public static final long SEED = 0x5c1e7_2026L;

    /** A district: its name, id prefix, centre and a few street names. */
    private record District(String name, String prefix, double lat, double lon, List<String> streets) {
    }

    private static final List<District> DISTRICTS = List.of(
            new District("Nancheng", "nc", 23.010, 113.752, List.of("Hongfu Rd", "Dongguan Ave", "Xihu Rd", "Yuanmei Rd", "Shengli Rd")),
            new District("Dongcheng", "dc", 23.035, 113.790, List.of("Dongzong Rd", "Tongsha Rd", "Dongcheng Ave", "Niushan Rd", "Sanguan Rd")),
            new District("Guancheng", "gc", 23.047, 113.748, List.of("Xinzhi Rd", "Dongzheng Rd", "Xizheng Rd", "Keyuan Rd", "Wenhua Rd")),
            new District("Wanjiang", "wj", 23.052, 113.722, List.of("Wanjiang Rd", "Jinao Rd", "Huayuan St", "Gangkou Rd", "Xinhe Rd")),
            new District("Songshanhu", "ss", 22.925, 113.870, List.of("Industrial East Rd", "Science Park Rd", "Lake Rd", "Xincheng Rd")));

    private static final List<String> PLACES = List.of("Gate", "Crossing", "Bus Stop", "Market", "School", "Square",
            "Station", "Bridge", "Park Entrance", "Hospital");
    private static final List<String> KINDS = List.of("street", "crossing", "transit", "market", "school", "square");

    private DemoData() {
    }

    /** The demo cameras, one per simulated camera, the same list on every call for the same fleet. */
    public static List<CameraDraft> cameras(List<SimulatedCamera> fleet) {
        int count = fleet.size();
        Random rnd = new Random(SEED);
        List<CameraDraft> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SimulatedCamera sim = fleet.get(i);
            District d = DISTRICTS.get(i % DISTRICTS.size());
            int n = i / DISTRICTS.size() + 1;
            String id = String.format(Locale.ROOT, "dg-%s-%04d", d.prefix(), n);
            String street = d.streets().get(rnd.nextInt(d.streets().size()));
            String place = PLACES.get(rnd.nextInt(PLACES.size()));
            // Within about 2.5 km of the district centre; clamped to the Dongguan box of the demo.
            double lat = clamp(d.lat() + (rnd.nextDouble() - 0.5) * 0.045, 22.9, 23.1);
            double lon = clamp(d.lon() + (rnd.nextDouble() - 0.5) * 0.05, 113.7, 113.9);
            List<String> tags = new ArrayList<>(List.of(KINDS.get(rnd.nextInt(KINDS.size()))));
            if (rnd.nextInt(4) == 0) {
                tags.add("ptz");
            }
            tags.add(rnd.nextInt(5) == 0 ? "sd" : "hd");
            out.add(new CameraDraft()
                    .id(id)
                    .name(d.name() + " " + street + " " + place + " " + n)
                    .district(d.name())
                    .lat(round(lat, 6))
                    .lon(round(lon, 6))
                    .bearing((double) rnd.nextInt(360))
                    .fov((double) (50 + rnd.nextInt(8) * 10))
                    .range((double) (30 + rnd.nextInt(12) * 10))
                    .rtspUrl(sim.rtspMainUrl())
                    .onvifUrl(sim.onvifUrl())
                    .username(sim.username())
                    .password(sim.password())
                    .tags(tags)
                    .enabled(rnd.nextInt(50) != 0));
        }
        return out;
    }

    /**
     * Imports one demo camera per simulated camera if the registry is empty.
     *
     * @return how many cameras were loaded (0 when the registry already had cameras)
     */
    public static int loadIfEmpty(CameraRegistry registry, List<SimulatedCamera> fleet) {
        if (registry.count() > 0) {
            return 0;
        }
        List<ImportRow> rows = new ArrayList<>(fleet.size());
        List<CameraDraft> drafts = cameras(fleet);
        for (int i = 0; i < drafts.size(); i++) {
            rows.add(ImportRow.of(i + 1, drafts.get(i)));
        }
        return registry.importAll(new ImportBatch(rows, List.of()));
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
