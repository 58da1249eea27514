package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmEvent;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStatus;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;

/**
 * Event clips end to end, whole server on the embedded H2 with a simulated camera (1080p H.264, 25 fps,
 * a keyframe every second) in events mode: a trigger through the API records pre-roll (3 s) + post-roll
 * (4 s) into one file that ffprobe and ffmpeg accept, listed with its trigger, downloadable with byte
 * ranges; an evidence lock keeps it from retention, and only supervisors and admins may lift it. A
 * continuously recorded camera gets clips too, here from a monitor alarm ({@code recorder.clips.on-alarm}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipApiIT {
    private static final int PRE_ROLL_SECONDS = 3;
    private static final int POST_ROLL_SECONDS = 4;

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private VmsApplication app;
    private SimulatedFleet fleet;
    private String technician;
    private String operator;
    private String supervisor;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("recorder.fsync", "false",
                "recorder.clips.pre-roll-seconds", String.valueOf(PRE_ROLL_SECONDS),
                "recorder.clips.post-roll-seconds", String.valueOf(POST_ROLL_SECONDS), "recorder.clips.on-alarm", "true",
                "camera-events.refresh-millis", "500"), SimConfig.builder(3).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        fleet = server.fleet();
        technician = server.login("technician");
        operator = server.login("operator");
        supervisor = server.login("supervisor");
    }

    @Test
    void eventsModeRecordsOnlyClipsAroundTriggersAndLockedClipsSurviveRetention() throws Exception {
        MediaProbe.requireTool("ffprobe");
        SimulatedCamera cam = fleet.cameras().get(0);
        createCamera("clip-cam", cam.rtspMainUrl(), cam.username(), cam.password(), null);
        assertEquals(200, api.send("PUT", "/api/cameras/clip-cam/recording", technician, "{\"mode\":\"events\"}")
                .statusCode());
        awaitJson("/api/cameras/clip-cam/recording", b -> b.path("ingest").path("frames").asLong()
                > (PRE_ROLL_SECONDS + 2) * 25L);

        HttpResponse<String> triggered = api.send("POST", "/api/cameras/clip-cam/events", operator,
                "{\"type\":\"manual\",\"note\":\"person at the gate\"}");
        assertEquals(202, triggered.statusCode(), triggered.body());
        JsonNode t = Json.MAPPER.readTree(triggered.body());
        assertEquals("started", t.get("outcome").textValue());
        Instant at = Instant.parse(t.get("at").textValue());
        assertEquals(at.plusSeconds(POST_ROLL_SECONDS), Instant.parse(t.get("clipEnd").textValue()));

        String list = "/api/cameras/clip-cam/clips?from=" + at.minusSeconds(60);
        JsonNode clip = awaitJson(list, b -> b.get("clips").size() == 1
                && b.get("clips").get(0).get("state").asText().equals("closed")).get("clips").get(0);
        assertEquals("manual", clip.get("triggerType").textValue());
        assertEquals("operator: person at the gate", clip.get("triggerDetail").textValue());
        assertFalse(clip.get("locked").booleanValue());
        assertFalse(clip.has("file") || clip.has("path"), "no server paths in the API");
        long id = clip.get("id").longValue();

        Path file = clipFile(id);
        Map<String, String> probe = MediaProbe.probe(file);
        assertEquals("h264", probe.get("codec_name"));
        double seconds = Double.parseDouble(probe.get("format.duration"));
        assertEquals(PRE_ROLL_SECONDS + POST_ROLL_SECONDS, seconds, 1.0, "pre-roll + post-roll");
        assertEquals(clip.get("durationMillis").longValue() / 1000.0, seconds, 0.1);
        String[] first = MediaProbe.run(List.of("ffprobe", "-v", "error", "-select_streams", "v", "-read_intervals",
                "%+#1", "-show_entries", "frame=key_frame", "-of", "csv=p=0", file.toString()));
        assertEquals("1", first[0].trim().split(",")[0], "the clip starts at a keyframe");
        MediaProbe.assertDecodesCleanly(file);
        assertEquals(clip.get("sha256").textValue(), sha256(Files.readAllBytes(file)));
        try (var segments = Files.walk(app.recordingService().settings().storageRoot())) {
            assertTrue(segments.noneMatch(p -> p.toString().contains("clip-cam")), "events mode writes no segments");
        }

        HttpResponse<byte[]> part = download("/api/clips/" + id + ".mp4", operator, "bytes=0-99");
        assertEquals(206, part.statusCode());
        assertEquals(100, part.body().length);
        assertEquals("bytes 0-99/" + Files.size(file), part.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> whole = download("/api/clips/" + id + ".mp4", operator, null);
        assertEquals(200, whole.statusCode());
        assertEquals(clip.get("sha256").textValue(), sha256(whole.body()));

        assertEquals(400, api.send("POST", "/api/clips/" + id + "/lock", operator, "{}").statusCode(),
                "a lock needs a reason");
        HttpResponse<String> locked = api.send("POST", "/api/clips/" + id + "/lock", operator,
                "{\"reason\":\"case 2026/117\"}");
        assertEquals(200, locked.statusCode(), locked.body());
        assertEquals("operator", Json.MAPPER.readTree(locked.body()).get("lockedBy").textValue());
        assertEquals(409, api.send("POST", "/api/clips/" + id + "/lock", operator, "{\"reason\":\"again\"}")
                .statusCode());

        ClipSweeper everythingExpired = new ClipSweeper(new ClipStore(new Jdbc(app.database())), c -> Duration.ZERO);
        everythingExpired.sweep(Instant.now().plusSeconds(60));
        assertTrue(Files.exists(file), "retention leaves a locked clip");
        assertEquals(200, api.send("GET", "/api/clips/" + id, operator, null).statusCode());

        assertEquals(403, api.send("POST", "/api/clips/" + id + "/unlock", operator, "{\"reason\":\"closed\"}")
                .statusCode(), "operators may not lift an evidence lock");
        HttpResponse<String> unlocked = api.send("POST", "/api/clips/" + id + "/unlock", supervisor,
                "{\"reason\":\"case closed\"}");
        assertEquals(200, unlocked.statusCode(), unlocked.body());
        everythingExpired.sweep(Instant.now().plusSeconds(60));
        assertFalse(Files.exists(file), "unlocked, it ages out");
        assertEquals(404, api.send("GET", "/api/clips/" + id + ".mp4", operator, null).statusCode());

        JsonNode audit = Json.MAPPER.readTree(api.send("GET", "/api/audit?limit=100", api.login("admin"), null).body());
        String actions = audit.toString();
        for (String action : List.of("camera.event", "clip.lock", "clip.unlock", "clip.download")) {
            assertTrue(actions.contains(action), action + " audited: " + actions);
        }
    }

    @Test
    void continuousCameraGetsAlarmClipsAsSeparateFilesBesideItsSegments() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(1);
        createCamera("clip-cont", cam.rtspMainUrl(), cam.username(), cam.password(), null);
        assertEquals(200, api.send("PUT", "/api/cameras/clip-cont/recording", technician,
                "{\"mode\":\"continuous\"}").statusCode());
        awaitJson("/api/cameras/clip-cont/recording", b -> b.path("ingest").path("frames").asLong()
                > (PRE_ROLL_SECONDS + 2) * 25L);
        Instant at = Instant.now();
        app.clipService().alarmEvent(new AlarmEvent(AlarmEvent.RAISED, new Alarm(1, AlarmKind.STREAM_MISSING,
                AlarmSeverity.MINOR, AlarmStatus.OPEN, "clip-cont", "d1", "camera clip-cont DEGRADED: no stream", at,
                null, null, null, null, null, null, List.of())));

        JsonNode clip = awaitJson("/api/clips?camera=clip-cont&trigger=alarm&from=" + at.minusSeconds(60),
                b -> b.get("clips").size() == 1 && b.get("clips").get(0).get("state").asText().equals("closed"))
                .get("clips").get(0);
        assertEquals("STREAM_MISSING: camera clip-cont DEGRADED: no stream", clip.get("triggerDetail").textValue());
        assertEquals(PRE_ROLL_SECONDS + POST_ROLL_SECONDS, clip.get("durationMillis").longValue() / 1000.0, 1.0);
        Path file = clipFile(clip.get("id").longValue());
        assertFalse(file.startsWith(app.recordingService().settings().storageRoot()), "clips live apart: " + file);
        JsonNode recordings = Json.MAPPER.readTree(api.send("GET", "/api/cameras/clip-cont/recordings?from="
                + at.minusSeconds(60), operator, null).body());
        assertTrue(recordings.get("segments").size() > 0, "the camera is still recorded continuously");
    }

    @Test
    void onvifMotionFromTheCameraTriggersAClip() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(2);
        createCamera("clip-onvif", cam.rtspMainUrl(), cam.username(), cam.password(), cam.onvifUrl());
        assertEquals(200, api.send("PUT", "/api/cameras/clip-onvif/recording", technician,
                "{\"mode\":\"events\"}").statusCode());
        awaitJson("/api/cameras/clip-onvif/recording", b -> b.path("ingest").path("frames").asLong()
                > (PRE_ROLL_SECONDS + 2) * 25L);
        Instant before = Instant.now();

        JsonNode clip = awaitJson("/api/clips?camera=clip-onvif&trigger=onvif-motion&from=" + before.minusSeconds(60),
                b -> {
                    fleet.fireEvent(List.of(cam.id()), SimEvent.Kind.MOTION, true);
                    return b.get("clips").size() > 0;
                }).get("clips").get(0);
        assertTrue(clip.get("triggerDetail").textValue().contains("Motion"), clip.toString());
        assertFalse(Instant.parse(clip.get("triggeredAt").textValue()).isBefore(before), "timed on our clock: " + clip);
    }

    @Test
    void triggerErrorsAndAccess() throws Exception {
        createCamera("clip-off", "rtsp://192.0.2.10/s1", null, null, null);
        assertEquals(409, api.send("POST", "/api/cameras/clip-off/events", operator, null).statusCode(),
                "mode off: nothing records clips");
        assertEquals(404, api.send("POST", "/api/cameras/nope/events", operator, null).statusCode());
        HttpResponse<String> badType = api.send("POST", "/api/cameras/clip-off/events", operator,
                "{\"type\":\"Motion!!\"}");
        assertEquals(400, badType.statusCode());
        assertEquals("type", Json.MAPPER.readTree(badType.body()).get("error").get("field").textValue());
        assertEquals(400, api.send("POST", "/api/cameras/clip-off/events", operator,
                "{\"note\":\"" + "x".repeat(401) + "\"}").statusCode());
        assertEquals(400, api.send("POST", "/api/cameras/clip-off/events", operator, "{\"colour\":\"red\"}")
                .statusCode());
        assertEquals(403, api.send("POST", "/api/cameras/clip-off/events", supervisor, null).statusCode());
        assertEquals(401, api.send("GET", "/api/clips", null, null).statusCode());
        assertEquals(404, api.send("GET", "/api/cameras/nope/clips", operator, null).statusCode());
        assertEquals(400, api.send("GET", "/api/clips?locked=maybe", operator, null).statusCode());
        assertEquals(400, api.send("GET", "/api/clips?from=yesterday", operator, null).statusCode());
        assertEquals(404, api.send("GET", "/api/clips/999999.mp4", operator, null).statusCode());
        assertEquals(404, api.send("GET", "/api/clips/abc", operator, null).statusCode());
        assertEquals(404, api.send("POST", "/api/clips/999999/lock", operator, "{\"reason\":\"x\"}").statusCode());
        assertEquals(403, api.send("POST", "/api/clips/999999/lock", technician, "{\"reason\":\"x\"}").statusCode());
    }

    private Path clipFile(long id) {
        return new ClipStore(new Jdbc(app.database())).find(id).orElseThrow().file();
    }

    private HttpResponse<byte[]> download(String path, String token, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .header("Authorization", "Bearer " + token);
        if (range != null) {
            b.header("Range", range);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> check) throws Exception {
        return server.awaitJson(path, operator, check);
    }

    private void createCamera(String id, String url, String user, String password, String onvifUrl)
            throws Exception {
        server.createCamera(technician, id, url, user, password, onvifUrl);
    }
}
