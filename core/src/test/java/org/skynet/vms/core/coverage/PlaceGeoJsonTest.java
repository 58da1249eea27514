package org.skynet.vms.core.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class PlaceGeoJsonTest {
    private final PlaceGeoJson parser = new PlaceGeoJson();

    @Test
    void readsPolygonsAndMultiPolygonsWithTheirProperties() {
        List<Place> places = parser.parse(TestData.file("places.geojson"));
        assertEquals(List.of("square-1", "station-1", "park-1"), places.stream().map(Place::id).toList());
        Place square = places.get(0);
        assertEquals("Central Square", square.name());
        assertEquals("square", square.category());
        assertEquals("Nancheng", square.district());
        assertEquals(PlaceGeoJson.DEFAULT_REQUIRED_COVERAGE, square.requiredCoverage());
        assertEquals(0.9, places.get(1).requiredCoverage());
        assertEquals("MultiPolygon", places.get(2).geometry().getGeometryType());
    }

    @Test
    void defaultRequiredCoverageIsConfigurable() {
        PlaceGeoJson lenient = new PlaceGeoJson(0.8, PlaceGeoJson.DEFAULT_MAX_BYTES, PlaceGeoJson.DEFAULT_MAX_FEATURES,
                PlaceGeoJson.DEFAULT_MAX_POSITIONS_PER_FEATURE, new GeometryFactory());
        assertEquals(0.8, lenient.parse(TestData.file("places.geojson")).get(0).requiredCoverage());
    }

    @Test
    void listsEveryBadFeatureAndImportsNothing() {
        VmsException e = assertThrows(VmsException.class, () -> parser.parse(TestData.file("places_bad.geojson")));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("places", e.field());
        String m = e.getMessage();
        assertTrue(m.startsWith("places_bad.geojson: 6 bad feature(s) of 7"), m);
        assertTrue(m.contains("feature #1 (id \"bowtie\"): geometry: invalid polygon: Self-intersection"), m);
        assertTrue(m.contains("feature #2: properties.id: missing"), m);
        assertTrue(m.contains("feature #3 (id \"ok-1\"): properties.id: duplicate id, first used by feature #0"), m);
        assertTrue(m.contains("feature #4 (id \"too-demanding\"): properties.requiredCoverage: must be a number in 0..1"), m);
        assertTrue(m.contains("feature #5 (id \"a-line\"): geometry.type: must be Polygon or MultiPolygon"), m);
        assertTrue(m.contains("feature #6 (id \"open-ring\"): geometry.coordinates[0]: the linear ring is not closed"), m);
        assertFalse(m.contains("feature #0 ("), "the good feature is not listed as bad: " + m);
    }

    @Test
    void acceptsTheFeatureIdWhenPropertiesHaveNone() {
        String json = """
                {"type":"FeatureCollection","features":[{"type":"Feature","id":42,"properties":{},
                 "geometry":{"type":"Polygon","coordinates":[[[113.75,23.0],[113.751,23.0],[113.751,23.001],[113.75,23.0]]]}}]}
                """;
        assertEquals("42", parse(json).get(0).id());
    }

    @Test
    void refusesWhatIsNotAFeatureCollection() {
        assertInvalid("{\"type\":\"Feature\"}", "not a GeoJSON FeatureCollection");
        assertInvalid("{\"type\":\"FeatureCollection\",\"features\":[]}", "has no features");
        assertInvalid("{\"type\":", "not valid JSON at line 1");
    }

    @Test
    void boundsTheInputSize() {
        PlaceGeoJson tiny = new PlaceGeoJson(0.95, 100, 10, 10, new GeometryFactory());
        VmsException e = assertThrows(VmsException.class, () -> tiny.parse(TestData.file("places.geojson")));
        assertTrue(e.getMessage().contains("larger than 100 bytes"), e.getMessage());
        PlaceGeoJson fewPositions = new PlaceGeoJson(0.95, 1 << 20, 10, 4, new GeometryFactory());
        String json = """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}
                """;
        VmsException tooMany = assertThrows(VmsException.class,
                () -> fewPositions.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.geojson"));
        assertTrue(tooMany.getMessage().contains("more than 4 positions"), tooMany.getMessage());
    }

    // Found by PlaceFeaturesFuzzTest (docs/design/fuzzing.md): Jackson read "{" + NULs as UTF-32 and its
    // CharConversionException escaped as an IOException (a 500 on upload) instead of a named 400.
    @Test
    void bytesThatLookLikeUtf32AreInvalidNotAnIoError() {
        byte[] upload = new byte[73];
        upload[0] = '{';
        upload[70] = '\n';
        upload[71] = ' ';
        upload[72] = '"';
        VmsException e = assertThrows(VmsException.class,
                () -> parser.parse(new ByteArrayInputStream(upload), "utf32.geojson"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("utf32.geojson: not UTF-8 JSON text"), e.getMessage());
    }

    // Found by PlaceFeaturesFuzzTest: a number over the 64-digit limit has no location, and reading it threw
    // a NullPointerException.
    @Test
    void numberOverTheLengthLimitIsInvalidNotANullPointer() {
        assertInvalid("4".repeat(102), "not valid JSON: Number value length");
    }

    private List<Place> parse(String json) {
        try {
            return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inline.geojson");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void assertInvalid(String json, String expected) {
        VmsException e = assertThrows(VmsException.class, () -> parse(json));
        assertTrue(e.getMessage().startsWith("inline.geojson: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
