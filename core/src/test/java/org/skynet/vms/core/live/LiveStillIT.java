package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skynet.vms.core.api.TestServer.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.api.LiveStillApi;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Json;

/**
 * {@code GET /api/cameras/{id}/live.jpg} on the whole server (H2 or PostgreSQL through {@link TestServer})
 * with simulated H.265 cameras over real RTSP on loopback: JPEGs that ImageIO decodes at the stream's size,
 * one decode per keyframe however many viewers, one upstream connection shared with a WebSocket viewer,
 * the on-demand session closed once the still viewers go idle, audit of each watch, 503 with the reason
 * while the camera is down, 404/401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStillIT {
    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private VmsApplication app;
    private String operator;
    private String technician;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("camera-events.enabled", "false", "recorder.fsync", "false",
                "live.still-idle-seconds", "2"), SimConfig.builder(2).h265Every(1).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        operator = server.login("operator");
        technician = server.login("technician");
    }

    @Test
    void viewersShareOneDecodePerKeyframeAndOneConnectionAtTheStreamsSize() throws Exception {
        SimulatedCamera cam = h265(0);
        server.createCamera(technician, "still-a", cam);
        try (LiveClient socket = LiveClient.open(app.port(), "still-a", operator, false)) {
            assertTrue(socket.awaitText("\"codec\"", 0, Duration.ofSeconds(15)), "codec message on the WebSocket");
            JsonNode codec = codecMessage(socket);
            assertTrue(codec.get("codec").textValue().startsWith("hvc1."), codec.toString());

            HttpResponse<byte[]> first = awaitStill("still-a", operator);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.body()));
            assertEquals(codec.get("width").intValue(), image.getWidth(), "JPEG width = stream width");
            assertEquals(codec.get("height").intValue(), image.getHeight(), "JPEG height = stream height");
            assertEquals(image.getWidth() + "x" + image.getHeight(), header(first, LiveStillApi.SIZE_HEADER));
            assertEquals("no-store", header(first, "Cache-Control"));

            long decodesBefore = app.liveStills().decodes();
            Map<String, byte[]> byNumber = new HashMap<>();
            ExecutorService viewers = Executors.newFixedThreadPool(4);
            try {
                List<Future<HttpResponse<byte[]>>> asks = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    String token = i % 2 == 0 ? operator : technician;
                    asks.add(viewers.submit(() -> api.getBytes("/api/cameras/still-a/live.jpg", token)));
                }
                for (Future<HttpResponse<byte[]>> ask : asks) {
                    HttpResponse<byte[]> r = ask.get();
                    assertEquals(200, r.statusCode(), new String(r.body()));
                    byte[] same = byNumber.putIfAbsent(header(r, LiveStillApi.NUMBER_HEADER), r.body());
                    if (same != null) {
                        assertArrayEquals(same, r.body(), "one keyframe, one JPEG for every viewer");
                    }
                }
            } finally {
                viewers.shutdown();
            }
            // the first answer's keyframe was decoded before decodesBefore was read
            int newKeyframes = byNumber.size() - (byNumber.containsKey(header(first, LiveStillApi.NUMBER_HEADER)) ? 1 : 0);
            assertEquals(newKeyframes, app.liveStills().decodes() - decodesBefore,
                    "decodes = distinct new keyframes asked for, not asks (" + byNumber.keySet() + ")");
            assertEquals(1, cam.openConnections(), "WebSocket viewer and two still viewers share one connection");

            String number = header(first, LiveStillApi.NUMBER_HEADER);
            AtomicReference<HttpResponse<byte[]>> later = new AtomicReference<>();
            await("a newer keyframe", () -> {
                later.set(get("still-a", operator));
                return later.get().statusCode() == 200 && !header(later.get(), LiveStillApi.NUMBER_HEADER).equals(number);
            });
            assertFalse(Arrays.equals(first.body(), later.get().body()), "a new keyframe is a new picture");
        }
        await("on-demand session closed once the still viewers are idle", () -> cam.openConnections() == 0
                && app.liveStills().cameras() == 0 && app.recordingService().status("still-a").isEmpty());
        assertEquals(2, audited("still-a", "live.start", "jpeg"), "one watch per user, not one per picture");
        await("watches audited as ended", () -> audited("still-a", "live.stop", "jpeg from=%") == 2);
    }

    @Test
    void aCameraThatIsDownAnswers503WithTheReasonUntilItsFirstKeyframe() throws Exception {
        SimulatedCamera cam = h265(1);
        server.createCamera(technician, "still-down", cam);
        server.fleet().setFault(cam.id(), Fault.DOWN);
        HttpResponse<byte[]> down = get("still-down", operator);
        assertEquals(503, down.statusCode());
        assertEquals("1", header(down, "Retry-After"));
        JsonNode error = Json.MAPPER.readTree(down.body()).get("error");
        assertEquals("NO_PICTURE_YET", error.get("code").textValue());
        assertTrue(error.get("message").textValue().startsWith("still-down: no picture"), error.toString());
        server.fleet().setFault(cam.id(), Fault.NONE);
        awaitStill("still-down", operator);
    }

    @Test
    void unknownCameraIs404AndNoSessionIs401() throws Exception {
        assertEquals(404, get("no-such-camera", operator).statusCode());
        server.createCamera(technician, "still-auth", null);
        assertEquals(401, get("still-auth", null).statusCode());
    }

    private HttpResponse<byte[]> awaitStill(String cameraId, String token) {
        AtomicReference<HttpResponse<byte[]>> last = new AtomicReference<>();
        await(cameraId + " gives a still", () -> {
            last.set(get(cameraId, token));
            return last.get().statusCode() == 200;
        });
        assertEquals("image/jpeg", header(last.get(), "Content-Type"));
        return last.get();
    }

    private HttpResponse<byte[]> get(String cameraId, String token) {
        try {
            return api.getBytes("/api/cameras/" + cameraId + "/live.jpg", token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    private static JsonNode codecMessage(LiveClient socket) throws Exception {
        for (Object m : socket.messages()) {
            if (m instanceof String s && s.contains("\"codec\"")) {
                return Json.MAPPER.readTree(s);
            }
        }
        throw new AssertionError("no codec message");
    }

    private SimulatedCamera h265(int nth) {
        return server.fleet().cameras().stream().filter(c -> c.mainCodec() == Codec.H265).skip(nth).findFirst()
                .orElseThrow();
    }

    private long audited(String cameraId, String action, String detailLike) {
        return new Jdbc(app.database()).query("SELECT COUNT(*) FROM audit_log WHERE target = ? AND action = ?"
                + " AND detail LIKE ?", rs -> rs.getLong(1), cameraId, action, detailLike).get(0);
    }
}
