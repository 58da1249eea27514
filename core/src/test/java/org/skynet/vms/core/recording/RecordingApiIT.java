package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentNaming;

/**
 * The recordings API over real HTTP, whole server on the embedded H2: spans and gaps from catalogue
 * rows, errors and roles, and a camera of the simulated fleet recorded for real once its mode is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingApiIT {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private VmsApplication app;
    private SimulatedFleet fleet;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("recorder.fsync", "false"), SimConfig.builder(1).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        fleet = server.fleet();
        technician = server.login("technician");
        operator = server.login("operator");
    }

    @Test
    void spansMergeAdjacentSegmentsAndPausesOverTwoSecondsAreGaps() throws Exception {
        createCamera("rec-spans", null);
        Path root = app.recordingService().settings().storageRoot();
        JdbcSegmentCatalogue catalogue = new JdbcSegmentCatalogue(new Jdbc(app.database()));
        List<SegmentRow> rows = new ArrayList<>();
        long[][] spans = {{0, 60}, {60, 120}, {121, 180}, {200, 260}}; // seconds after T0
        for (long[] s : spans) {
            Instant start = T0.plusSeconds(s[0]);
            rows.add(SegmentRow.of(root, new SegmentFile("rec-spans", SegmentNaming.path(root, "rec-spans", start, 0),
                    Codec.H264, 1920, 1080, start, (s[1] - s[0]) * 90_000, (s[1] - s[0]) * 25, 60, 1_000_000,
                    "cd".repeat(32), CloseReason.ROTATED)));
        }
        catalogue.upsert(rows);

        JsonNode body = getJson("/api/cameras/rec-spans/recordings?from=2026-11-26T05:59:00Z&to=2026-11-26T06:05:00Z",
                operator, 200);
        assertEquals("rec-spans", body.get("cameraId").textValue());
        assertEquals(List.of("2026-11-26T06:00:00Z/2026-11-26T06:03:00Z", "2026-11-26T06:03:20Z/2026-11-26T06:04:20Z"),
                intervals(body.get("spans")));
        assertEquals(List.of("2026-11-26T05:59:00Z/2026-11-26T06:00:00Z", "2026-11-26T06:03:00Z/2026-11-26T06:03:20Z",
                "2026-11-26T06:04:20Z/2026-11-26T06:05:00Z"), intervals(body.get("gaps")));
        assertEquals(240_000, body.get("recordedMillis").longValue());
        assertEquals(4, body.get("segments").size());
        JsonNode seg = body.get("segments").get(0);
        assertEquals(60_000, seg.get("mediaDurationMillis").longValue());
        assertEquals(1500, seg.get("frames").longValue());
        assertEquals("closed", seg.get("state").textValue());
        assertEquals("cd".repeat(32), seg.get("sha256").textValue());
        assertFalse(seg.has("path"), "no server paths in the API");
        assertFalse(body.get("segmentsTruncated").booleanValue());
    }

    @Test
    void errorsAndAccess() throws Exception {
        createCamera("rec-errors", null);
        assertEquals(401, api.send("GET", "/api/cameras/rec-errors/recordings", null, null).statusCode());
        assertEquals(404, api.send("GET", "/api/cameras/nope/recordings", operator, null).statusCode());
        assertEquals(400, api.send("GET", "/api/cameras/rec-errors/recordings?from=yesterday", operator, null).statusCode());
        assertEquals(400, api.send("GET", "/api/cameras/rec-errors/recordings?from=2026-11-26T06:00:00Z&to=2026-11-26T05:00:00Z",
                operator, null).statusCode());
        assertEquals(400, api.send("GET", "/api/cameras/rec-errors/recordings?from=2026-01-01T00:00:00Z&to=2026-11-26T00:00:00Z",
                operator, null).statusCode());
        JsonNode empty = getJson("/api/cameras/rec-errors/recordings", operator, 200);
        assertEquals(0, empty.get("spans").size());
        assertEquals(1, empty.get("gaps").size(), "the whole default day is one gap");
        assertEquals(403, api.send("PUT", "/api/cameras/rec-errors/recording", operator, "{\"mode\":\"continuous\"}")
                .statusCode());
        assertEquals(400, api.send("PUT", "/api/cameras/rec-errors/recording", technician, "{\"mode\":\"sometimes\"}")
                .statusCode());
        assertEquals("off", getJson("/api/cameras/rec-errors/recording", operator, 200).get("mode").textValue());
    }

    @Test
    void continuousModeRecordsTheCameraUntilSwitchedOff() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        createCamera("rec-live", cam);
        assertEquals(200, api.send("PUT", "/api/cameras/rec-live/recording", technician, "{\"mode\":\"continuous\"}")
                .statusCode());
        awaitJson("/api/cameras/rec-live/recording", b -> b.path("ingest").path("state").asText().equals("STREAMING")
                && b.path("ingest").path("frames").asLong() > 50);
        String from = Instant.now().minusSeconds(60).toString();
        JsonNode rec = awaitJson("/api/cameras/rec-live/recordings?from=" + from,
                b -> b.get("segments").size() > 0 && b.get("spans").size() == 1
                        && b.get("segments").get(0).get("frames").asLong() > 25);
        assertEquals("open", rec.get("segments").get(0).get("state").textValue());

        assertEquals(200, api.send("PUT", "/api/cameras/rec-live/recording", technician, "{\"mode\":\"off\"}")
                .statusCode());
        JsonNode closed = awaitJson("/api/cameras/rec-live/recordings?from=" + from,
                b -> b.get("segments").size() > 0 && b.get("segments").get(0).get("state").asText().equals("closed"));
        JsonNode seg = closed.get("segments").get(0);
        assertEquals("STOPPED", seg.get("closeReason").textValue());
        assertEquals(64, seg.get("sha256").textValue().length());
        assertTrue(getJson("/api/cameras/rec-live/recording", operator, 200).get("ingest").isNull());
        Path root = app.recordingService().settings().storageRoot();
        try (var files = Files.walk(root.resolve("rec-live"))) {
            assertTrue(files.anyMatch(p -> p.toString().endsWith(".mp4")), "files under " + root);
        }
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> check) throws Exception {
        return server.awaitJson(path, operator, check);
    }

    private static List<String> intervals(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(i -> out.add(i.get("start").textValue() + "/" + i.get("end").textValue()));
        return out;
    }

    private void createCamera(String id, SimulatedCamera cam) throws Exception {
        server.createCamera(technician, id, cam);
    }

    private JsonNode getJson(String path, String token, int status) throws Exception {
        HttpResponse<String> r = api.send("GET", path, token, null);
        assertEquals(status, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

}
