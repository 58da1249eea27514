package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.api.PlaybackApi;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;

/**
 * Playback over real HTTP: a simulated camera recorded for a few seconds, then its MP4 (whole and a
 * byte range) and a thumbnail, plus the error answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybackApiIT {
    private static final String CAMERA = "play-live";

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private String technician;
    private String operator;
    private Instant recordedFrom;
    private Instant recordedTo;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("recorder.fsync", "false"), SimConfig.builder(1).eventLoopThreads(1).build());
        api = server.api();
        technician = server.login("technician");
        operator = server.login("operator");
        recordFewSeconds(server.fleet().cameras().get(0));
    }

    @Test
    void recordedRangePlaysAsOneMp4() throws Exception {
        HttpResponse<byte[]> r = get(playbackPath(), null);
        assertEquals(200, r.statusCode());
        assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElse(""));
        assertTrue(r.headers().firstValue(PlaybackApi.START_HEADER).isPresent());
        byte[] mp4 = r.body();
        assertEquals("ftyp", new String(mp4, 4, 4, StandardCharsets.US_ASCII));

        MediaProbe.requireTool("ffprobe");
        Path file = Files.write(data.resolve("playback.mp4"), mp4);
        Map<String, String> probe = MediaProbe.probe(file);
        assertTrue(Long.parseLong(probe.get("nb_read_frames")) > 50, "frames: " + probe);
        MediaProbe.assertDecodesCleanly(file);
    }

    @Test
    void byteRangesAreSlicesOfTheWholeFile() throws Exception {
        byte[] whole = get(playbackPath(), null).body();

        HttpResponse<byte[]> part = get(playbackPath(), "bytes=100-1099");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-1099/" + whole.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(whole, 100, 1100), part.body());

        HttpResponse<byte[]> tail = get(playbackPath(), "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 10, whole.length), tail.body());

        HttpResponse<byte[]> beyond = get(playbackPath(), "bytes=" + whole.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + whole.length, beyond.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    void thumbnailIsAJpegOfTheRecording() throws Exception {
        Instant at = recordedFrom.plus(Duration.between(recordedFrom, recordedTo).dividedBy(2));
        HttpResponse<byte[]> r = get("/api/cameras/" + CAMERA + "/thumbnail.jpg?at=" + at, null);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.body().length > 100 && (r.body()[0] & 0xFF) == 0xFF && (r.body()[1] & 0xFF) == 0xD8);
    }

    @Test
    void errors() throws Exception {
        String range = "from=" + recordedFrom + "&to=" + recordedTo;
        assertEquals(401, api.send("GET", "/api/cameras/" + CAMERA + "/playback.mp4?" + range, null, null).statusCode());
        assertEquals(404, get("/api/cameras/nope/playback.mp4?" + range, null).statusCode());
        assertEquals(404, get("/api/cameras/" + CAMERA + "/playback.mp4?from=2020-01-01T00:00:00Z"
                + "&to=2020-01-01T00:10:00Z", null).statusCode(), "nothing recorded then");
        assertEquals(400, get("/api/cameras/" + CAMERA + "/playback.mp4?from=2020-01-01T00:00:00Z"
                + "&to=2020-01-01T02:00:00Z", null).statusCode(), "over an hour");
        assertEquals(400, get("/api/cameras/" + CAMERA + "/playback.mp4?from=soon&to=later", null).statusCode());
        assertEquals(400, get("/api/cameras/" + CAMERA + "/thumbnail.jpg", null).statusCode());
        assertEquals(404, get("/api/cameras/" + CAMERA + "/thumbnail.jpg?at=2020-01-01T00:00:00Z", null)
                .statusCode());
    }

    private String playbackPath() {
        return "/api/cameras/" + CAMERA + "/playback.mp4?from=" + recordedFrom + "&to=" + recordedTo;
    }

    /** Records the camera until a few seconds are in the catalogue, then stops, which closes the file. */
    private void recordFewSeconds(SimulatedCamera cam) throws Exception {
        server.createCamera(technician, CAMERA, cam);
        JsonNode span = server.recordAFewSeconds(CAMERA, technician, operator);
        recordedFrom = Instant.parse(span.get("start").textValue());
        recordedTo = Instant.parse(span.get("end").textValue());
    }

    private HttpResponse<byte[]> get(String path, String range) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app().port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operator);
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
