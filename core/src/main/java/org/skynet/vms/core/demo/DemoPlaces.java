package org.skynet.vms.core.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.PlaceFeatures;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.Placement;

/**
 * The demo's public places, so that its map shows real coverage: one square place in front of each of the
 * first {@link #MAX_PLACES} demo cameras. Two of every three lie well inside their camera's view (covered while
 * the camera is ONLINE: 100 percent), the third straddles the end of the view's range (about half seen: a
 * partial gap in both modes). Derived from the demo cameras only, so every demo start shows the same places.
 */
public final class DemoPlaces {
    /** At most this many sample places (twelve per district for the 300 demo cameras). */
    public static final int MAX_PLACES = 60;
    /** Required coverage of every sample place. */
    public static final double REQUIRED = 0.95;
    private static final double METRES_PER_DEGREE = 111_320;
    private static final double SCALE = 1e7;
    private static final List<String> CATEGORIES = List.of("square", "transit", "market", "school", "crossing", "park");

    private DemoPlaces() {
    }

    /** Whether the sample place in front of camera {@code index} is the one that straddles the range's end. */
    public static boolean straddles(int index) {
        return index % 3 == 2;
    }

    /** The sample places as a GeoJSON FeatureCollection (the import format of {@code /api/places:import}). */
    public static ObjectNode featureCollection(List<CameraDraft> cameras) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        for (int i = 0; i < Math.min(MAX_PLACES, cameras.size()); i++) {
            Camera c = cameras.get(i).toCamera(Instant.EPOCH, Instant.EPOCH);
            Placement p = c.placement();
            boolean edge = straddles(i);
            double range = p.rangeMeters();
            // Inside: a square of 0.2 × range centred half-way along the bearing (every corner within 17° of the
            // bearing, and demo views open at least 50°). Straddling: 0.6 × range, centred on the range's end.
            double along = edge ? range : 0.5 * range;
            double half = edge ? 0.3 * range : 0.1 * range;
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            ObjectNode props = f.putObject("properties");
            props.put("id", "pl-" + c.id().replaceFirst("^dg-", ""));
            props.put("name", c.name().replaceFirst("^" + c.district() + " ", "") + (edge ? " approaches" : " forecourt"));
            props.put("category", CATEGORIES.get(i % CATEGORIES.size()));
            props.put("district", c.district());
            props.put("requiredCoverage", REQUIRED);
            square(f.putObject("geometry"), p.lat(), p.lon(), p.bearingDegrees(), along, half);
        }
        return root;
    }

    /**
     * Imports the sample places for the demo cameras if there are no places yet, and recomputes coverage.
     *
     * @return how many places were loaded (0 when places already existed)
     */
    public static int loadIfEmpty(PlaceStore store, PlaceFeatures features, CoverageService coverage,
            List<CameraDraft> cameras) {
        if (!store.all().isEmpty()) {
            return 0;
        }
        int n = store.importAll(features.read(featureCollection(cameras).toString().getBytes(StandardCharsets.UTF_8)));
        coverage.placesChanged();
        return n;
    }

    /** An axis-aligned square of half-side {@code half} metres, {@code along} metres from (lat, lon) on the bearing. */
    private static void square(ObjectNode geometry, double lat, double lon, double bearingDeg, double along,
            double half) {
        double metresPerDegreeLon = METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
        double centreLat = lat + along * Math.cos(Math.toRadians(bearingDeg)) / METRES_PER_DEGREE;
        double centreLon = lon + along * Math.sin(Math.toRadians(bearingDeg)) / metresPerDegreeLon;
        double dLat = half / METRES_PER_DEGREE;
        double dLon = half / metresPerDegreeLon;
        geometry.put("type", "Polygon");
        ArrayNode ring = geometry.putArray("coordinates").addArray();
        double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
        for (double[] k : corners) {
            ring.addArray().add(round(centreLon + k[0] * dLon)).add(round(centreLat + k[1] * dLat));
        }
    }

    private static double round(double v) {
        return Math.round(v * SCALE) / SCALE;
    }
}
