package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.exports.ExportCheck;
import org.skynet.vms.core.exports.SigningKey;
import org.skynet.vms.core.server.Json;

/**
 * Evidence export over real HTTP: a simulated camera recorded for a few seconds, exported by an
 * operator, downloaded, checked with {@code vms verify-export} and ffprobe/ffmpeg; a changed byte in
 * the MP4 or the manifest is named; roles, bad input and the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiIT {
    private static final String CAMERA = "export-cam";

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private VmsApplication app;
    private String technician;
    private String operator;
    private String supervisor;
    private Instant recordedFrom;
    private Instant recordedTo;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("recorder.fsync", "false"), SimConfig.builder(1).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        technician = server.login("technician");
        operator = server.login("operator");
        supervisor = server.login("supervisor");
        recordFewSeconds(server.fleet().cameras().get(0));
    }

    @Test
    void exportedRangeVerifiesPlaysAndIsAudited() throws Exception {
        Instant from = recordedFrom.minusSeconds(5);
        JsonNode done = export(operator, from, recordedTo.plusSeconds(5));
        String id = done.get("id").textValue();
        List<String> names = Json.MAPPER.convertValue(done.get("files"), List.class);
        assertEquals(List.of("manifest.json", "public-key.pem", "recording-001.mp4"), names);

        Path dir = Files.createDirectories(data.resolve("court-copy"));
        for (String name : names) {
            HttpResponse<byte[]> r = download(operator, id, name);
            assertEquals(200, r.statusCode(), name);
            Files.write(dir.resolve(name), r.body());
        }
        Path serverKey = data.resolve(SigningKey.PUBLIC_FILE);
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("verify-export", dir.toString(), "--public-key",
                serverKey.toString()));

        JsonNode manifest = Json.MAPPER.readTree(dir.resolve("manifest.json").toFile());
        assertEquals(CAMERA, manifest.at("/camera/id").textValue());
        assertEquals("Export camera", manifest.at("/camera/name").textValue());
        assertEquals("d7", manifest.at("/camera/district").textValue());
        assertEquals("operator", manifest.at("/exporter/username").textValue());
        assertEquals(from.toString(), manifest.at("/range/from").textValue());
        assertEquals(Files.size(dir.resolve("recording-001.mp4")), manifest.at("/files/0/bytes").longValue());
        assertTrue(manifest.get("gaps").size() >= 1, "the 5 s before the recording are a gap: " + manifest.get("gaps"));
        assertEquals(done.get("manifestSha256").textValue(), sha256(dir.resolve("manifest.json")));

        Path mp4 = dir.resolve("recording-001.mp4");
        MediaProbe.requireTool("ffprobe");
        assertTrue(Long.parseLong(MediaProbe.probe(mp4).get("nb_read_frames")) > 50);
        MediaProbe.assertDecodesCleanly(mp4);

        List<String> audited = new Jdbc(app.database()).query("SELECT actor, action FROM audit_log WHERE target = ? "
                + "AND action LIKE 'recording.export%' ORDER BY id", rs -> rs.getString(1) + " " + rs.getString(2), CAMERA);
        assertTrue(audited.containsAll(List.of("operator recording.export", "operator recording.export.done",
                "operator recording.export.download")), audited.toString());

        byte[] video = Files.readAllBytes(mp4);
        video[video.length / 2] ^= 0x01;
        Files.write(mp4, video);
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("verify-export", dir.toString()));
        assertTrue(ExportCheck.verify(dir, null).failure().orElseThrow().startsWith("recording-001.mp4: sha256"));
        video[video.length / 2] ^= 0x01;
        Files.write(mp4, video);
        Path m = dir.resolve("manifest.json");
        Files.writeString(m, Files.readString(m).replace("\"d7\"", "\"d8\""));
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("verify-export", dir.toString()));
        assertTrue(ExportCheck.verify(dir, null).failure().orElseThrow().startsWith("manifest.json: signature"));
    }

    @Test
    void rolesAndBadInput() throws Exception {
        String body = body(CAMERA, recordedFrom, recordedTo);
        assertEquals(401, api.send("POST", "/api/exports", null, body).statusCode());
        assertEquals(403, api.send("POST", "/api/exports", technician, body).statusCode());
        assertEquals(403, api.send("GET", "/api/exports", technician, null).statusCode());
        assertError(api.send("POST", "/api/exports", operator, body("nope", recordedFrom, recordedTo)), 404, null);
        assertError(api.send("POST", "/api/exports", operator, "{\"from\":\"" + recordedFrom + "\"}"), 400, "cameraId");
        assertError(api.send("POST", "/api/exports", operator, "{\"cameraId\":\"" + CAMERA + "\",\"from\":\"soon\","
                + "\"to\":\"" + recordedTo + "\"}"), 400, "from");
        assertError(api.send("POST", "/api/exports", operator, body(CAMERA, recordedTo, recordedFrom)), 400, "to");
        assertError(api.send("POST", "/api/exports", operator, body(CAMERA, recordedFrom,
                recordedFrom.plus(Duration.ofHours(25)))), 400, "to");
        assertEquals(404, api.send("GET", "/api/exports/none", operator, null).statusCode());

        JsonNode nothing = export(supervisor, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:10:00Z"));
        assertEquals("failed", nothing.get("state").textValue());
        assertTrue(nothing.get("error").textValue().startsWith("no recording of camera " + CAMERA), nothing.toString());
        assertEquals(409, download(supervisor, nothing.get("id").textValue(), "manifest.json").statusCode());

        JsonNode list = Json.MAPPER.readTree(api.send("GET", "/api/exports", supervisor, null).body());
        assertTrue(list.get("exports").size() >= 1);
    }

    /** Requests an export and waits until it is no longer pending. */
    private JsonNode export(String token, Instant from, Instant to) throws Exception {
        HttpResponse<String> r = api.send("POST", "/api/exports", token, body(CAMERA, from, to));
        assertEquals(202, r.statusCode(), r.body());
        JsonNode accepted = Json.MAPPER.readTree(r.body());
        assertEquals("pending", accepted.get("state").textValue());
        return server.awaitJson("/api/exports/" + accepted.get("id").textValue(), token,
                b -> !b.get("state").textValue().equals("pending"));
    }

    private static String body(String camera, Instant from, Instant to) {
        return "{\"cameraId\":\"" + camera + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    private static void assertError(HttpResponse<String> r, int status, String field) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        if (field != null) {
            assertEquals(field, Json.MAPPER.readTree(r.body()).at("/error/field").textValue(), r.body());
        }
    }

    private HttpResponse<byte[]> download(String token, String id, String name) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/exports/" + id
                + "/files/" + name)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Records the camera until a few seconds are in the catalogue, then stops, which closes the file. */
    private void recordFewSeconds(SimulatedCamera cam) throws Exception {
        String body = "{\"id\":\"" + CAMERA + "\",\"name\":\"Export camera\",\"district\":\"d7\",\"lat\":23.01,"
                + "\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"" + cam.rtspMainUrl()
                + "\",\"username\":\"" + cam.username() + "\",\"password\":\"" + cam.password() + "\"}";
        assertEquals(201, api.send("POST", "/api/cameras", technician, body).statusCode());
        JsonNode span = server.recordAFewSeconds(CAMERA, technician, operator);
        recordedFrom = Instant.parse(span.get("start").textValue());
        recordedTo = Instant.parse(span.get("end").textValue());
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}
