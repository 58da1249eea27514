package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;

class LocalProjectionTest {
    /** The brief's bound; the projection does about a hundred times better. */
    private static final double MAX_RELATIVE_ERROR = 0.001;

    @ParameterizedTest(name = "origin {0}, {1}")
    @CsvSource({"23.0, 113.8", "0.0, 10.0", "51.5, -0.1", "-33.9, 151.2", "60.0, 179.95"})
    void distancesWithin20KmMatchTheWgs84GeodesicToOneInAThousand(double lat0, double lon0) {
        LocalProjection p = new LocalProjection(lat0, lon0);
        Random random = new Random(7);
        double worst = 0;
        for (int i = 0; i < 2_000; i++) {
            double[] a = randomPointWithin(random, lat0, lon0, 20_000);
            double[] b = randomPointWithin(random, lat0, lon0, 20_000);
            Coordinate pa = p.forward(a[0], a[1], new Coordinate());
            Coordinate pb = p.forward(b[0], b[1], new Coordinate());
            double geodesic = Vincenty.distanceMetres(a[0], a[1], b[0], b[1]);
            if (geodesic < 1) {
                continue;
            }
            worst = Math.max(worst, Math.abs(pa.distance(pb) - geodesic) / geodesic);
        }
        assertTrue(worst < MAX_RELATIVE_ERROR, "worst relative distance error " + worst);
    }

    @Test
    void distancesFromTheOriginAreAlmostExact() {
        LocalProjection p = new LocalProjection(23.0, 113.8);
        Random random = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            double[] a = randomPointWithin(random, 23.0, 113.8, 20_000);
            double geodesic = Vincenty.distanceMetres(23.0, 113.8, a[0], a[1]);
            double projected = p.forward(a[0], a[1], new Coordinate()).distance(new Coordinate(0, 0));
            assertEquals(geodesic, projected, Math.max(1e-3, geodesic * 1e-4), "point " + a[0] + ", " + a[1]);
        }
    }

    @Test
    void inverseUndoesForward() {
        LocalProjection p = new LocalProjection(22.95, 113.71);
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            double[] a = randomPointWithin(random, 22.95, 113.71, 30_000);
            Coordinate xy = p.forward(a[0], a[1], new Coordinate());
            Coordinate back = p.inverse(xy.x, xy.y, new Coordinate());
            assertEquals(a[1], back.x, 1e-10);
            assertEquals(a[0], back.y, 1e-10);
        }
    }

    @Test
    void axesPointEastAndNorth() {
        LocalProjection p = new LocalProjection(23.0, 113.8);
        Coordinate north = p.forward(23.001, 113.8, new Coordinate());
        Coordinate east = p.forward(23.0, 113.801, new Coordinate());
        assertEquals(0, north.x, 1e-9);
        assertTrue(north.y > 110, "0.001 degree of latitude is about 110.7 m: " + north.y);
        assertTrue(east.x > 102 && Math.abs(east.y) < 0.01, "0.001 degree of longitude is about 102.5 m: " + east);
    }

    private static double[] randomPointWithin(Random random, double lat0, double lon0, double metres) {
        double dLat = (random.nextDouble() * 2 - 1) * metres / 110_574.0;
        double dLon = (random.nextDouble() * 2 - 1) * metres / (111_320.0 * Math.cos(Math.toRadians(lat0)));
        double lon = lon0 + dLon;
        return new double[] {lat0 + dLat, lon > 180 ? lon - 360 : lon};
    }
}
