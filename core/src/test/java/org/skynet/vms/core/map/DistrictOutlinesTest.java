package org.skynet.vms.core.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.Place;

class DistrictOutlinesTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double METRES_PER_DEGREE = 111_320;

    @Test
    void oneOutlinePerDistrictHoldingItsPlacesAndCameraViews() {
        List<CameraView> cameras = List.of(
                new CameraView("a", 23.00, 113.70, 0, 60, 100, true, "north"),
                new CameraView("b", 23.01, 113.71, 90, 60, 50, false, "north"),
                new CameraView("c", 22.90, 113.80, 0, 360, 30, true, "south"),
                new CameraView("d", 22.00, 113.00, 0, 360, 30, true, ""));
        List<Place> places = List.of(place("p", "north", 113.705, 23.02), place("q", "", 113.0, 22.0));

        JsonNode features = DistrictOutlines.featureCollection(cameras, places).get("features");

        assertEquals(2, features.size(), "districts without a name get no outline");
        JsonNode north = features.get(0);
        assertEquals("north", north.get("properties").get("district").textValue());
        assertEquals(2, north.get("properties").get("cameras").intValue());
        assertEquals(1, north.get("properties").get("places").intValue());
        Polygon outline = polygon(north.get("geometry"));
        assertTrue(outline.isValid());
        assertTrue(outline.contains(GF.createPoint(new Coordinate(113.70, 23.00 + 99 / METRES_PER_DEGREE))),
                "camera a's view to the north is inside");
        assertTrue(outline.contains(places.get(0).geometry()), "place p is inside");
        assertEquals("south", features.get(1).get("properties").get("district").textValue());
        assertEquals(0, features.get(1).get("properties").get("places").intValue());
    }

    private static Place place(String id, String district, double lon, double lat) {
        double d = 0.001;
        Polygon square = GF.createPolygon(new Coordinate[] {new Coordinate(lon, lat), new Coordinate(lon + d, lat),
            new Coordinate(lon + d, lat + d), new Coordinate(lon, lat + d), new Coordinate(lon, lat)});
        return new Place(id, id, "square", district, 0.95, square);
    }

    private static Polygon polygon(JsonNode geometry) {
        assertEquals("Polygon", geometry.get("type").textValue());
        JsonNode ring = geometry.get("coordinates").get(0);
        Coordinate[] cs = new Coordinate[ring.size()];
        for (int i = 0; i < ring.size(); i++) {
            cs[i] = new Coordinate(ring.get(i).get(0).doubleValue(), ring.get(i).get(1).doubleValue());
        }
        return GF.createPolygon(cs);
    }
}
