package org.skynet.vms.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.coverage.TestData;

/** {@code vms coverage} through {@link VmsCommand#execute}, as a user runs it. */
class CoverageCommandTest {
    private static final String PLACES = TestData.file("places.geojson").toString();
    private static final String CAMERAS = TestData.file("cameras.csv").toString();
    private static final String STATUS = TestData.file("status.csv").toString();

    private record Run(int exit, String out, String err) {
    }

    @Test
    void designedCoverageCoversEveryPlaceAndExitsZero() {
        Run r = run("coverage", "--places", PLACES, "--cameras", CAMERAS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rate: 100.0% (3 of 3 places covered, designed coverage)"), r.out());
        assertTrue(r.out().contains("Central Square"), r.out());
    }

    @Test
    void liveCoverageWithAnOfflineCameraExitsOneAndPrintsTheJsonShape() throws Exception {
        Run r = run("coverage", "--places", PLACES, "--cameras", CAMERAS, "--status", STATUS, "--json");
        assertEquals(1, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("mode", "rate", "placesCovered", "placesTotal", "places", "districts", "categories"), keys);
        assertEquals("live", json.get("mode").asText());
        assertEquals(0.666667, json.get("rate").asDouble(), 1e-9);
        assertEquals(2, json.get("placesCovered").asInt());
        assertEquals(3, json.get("placesTotal").asInt());
        JsonNode station = json.get("places").get(1);
        List<String> placeKeys = new ArrayList<>();
        station.fieldNames().forEachRemaining(placeKeys::add);
        assertEquals(List.of("id", "name", "coverage", "required", "covered", "cameras"), placeKeys);
        assertEquals("station-1", station.get("id").asText());
        assertEquals(0.0, station.get("coverage").asDouble());
        assertEquals(0.9, station.get("required").asDouble());
        assertEquals(false, station.get("covered").asBoolean());
        assertEquals(0, station.get("cameras").size());
        JsonNode square = json.get("places").get(0);
        assertEquals(1.0, square.get("coverage").asDouble());
        assertEquals("cam-001", square.get("cameras").get(0).asText());
        assertEquals(0, json.get("districts").get("Dongcheng").get("placesCovered").asInt());
    }

    @Test
    void designedModeCanBeForcedWithAStatusFile() {
        Run r = run("coverage", "--places", PLACES, "--cameras", CAMERAS, "--status", STATUS, "--mode", "designed");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void badCameraRowExitsTwoNamingFileLineAndField() {
        Run r = run("coverage", "--places", PLACES, "--cameras", TestData.file("cameras_bad.csv").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("cameras_bad.csv"), r.err());
        assertTrue(r.err().contains("line 3, column fov"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badPlacesExitTwoListingEveryBadFeature() {
        Run r = run("coverage", "--places", TestData.file("places_bad.geojson").toString(), "--cameras", CAMERAS);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("places_bad.geojson: 6 bad feature(s)"), r.err());
        assertTrue(r.err().contains("feature #4 (id \"too-demanding\"): properties.requiredCoverage"), r.err());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("coverage", "--cameras", CAMERAS).exit(), "missing --places");
        Run mode = run("coverage", "--places", PLACES, "--cameras", CAMERAS, "--mode", "sometimes");
        assertEquals(2, mode.exit());
        assertTrue(mode.err().contains("mode must be live or designed"), mode.err());
        assertEquals(2, run("coverage", "--places", PLACES, "--cameras", CAMERAS, "--mode", "live").exit(),
                "live needs a status file");
        Run missing = run("coverage", "--places", PLACES, "--cameras", "/nonexistent/cams.csv");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("cams.csv: no such file"), missing.err());
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = VmsCommand.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
