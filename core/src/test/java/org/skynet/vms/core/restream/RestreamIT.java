package org.skynet.vms.core.restream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.skynet.vms.core.api.TestServer.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.MediaProbe;

/**
 * The RTSP re-stream end to end on loopback: whole server on the embedded H2, a simulated camera
 * recorded continuously, and Debian's ffmpeg/ffprobe as clients (Digest authentication).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestreamIT {
    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private VmsApplication app;
    private SimulatedFleet fleet;
    private String technician;

    @BeforeAll
    void start() throws Exception {
        MediaProbe.requireTool("ffmpeg");
        MediaProbe.requireTool("ffprobe");
        server = TestServer.start(data, Map.of("camera-events.enabled", "false", "recorder.fsync", "false"),
                SimConfig.builder(3).h265Every(3).eventLoopThreads(1).build());
        api = server.api();
        app = server.app();
        fleet = server.fleet();
        technician = server.login("technician");
    }

    @Test
    void twoClientsAndTheRecorderShareOneUpstreamConnection() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        createCamera("rs-rec", cam);
        assertEquals(200, api.send("PUT", "/api/cameras/rs-rec/recording", technician, "{\"mode\":\"continuous\"}")
                .statusCode());
        await("recording streams", () -> app.recordingService().status("rs-rec")
                .map(s -> s.state().name().equals("STREAMING")).orElse(false));

        Path out1 = data.resolve("rs-1.mp4");
        Path out2 = data.resolve("rs-2.mp4");
        Process first = copy(url("operator", "operator", "rs-rec"), out1);
        Process second = copy(url("supervisor", "supervisor", "rs-rec"), out2);
        await("both clients receive", () -> size(out1) > 0 && size(out2) > 0);
        assertEquals(1, cam.openConnections(), "the camera sees only the recorder's connection");
        assertEquals(0, finish(first));
        assertEquals(0, finish(second));
        MediaProbe.assertDecodesCleanly(out1);
        MediaProbe.assertDecodesCleanly(out2);

        String probe = MediaProbe.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width,height", "-of", "default=nw=1", url("operator", "operator", "rs-rec")))[0];
        assertTrue(probe.contains("codec_name=h264") && probe.contains("width=1920") && probe.contains("height=1080"),
                probe);
        await("audited", () -> audited("live.rtsp.stop", "rs-rec") >= 2);
        assertTrue(audited("live.rtsp.start", "rs-rec") >= 2);
    }

    @Test
    void aCameraNotRecordedIsOpenedOnDemandSharedAndClosedAfterTheLastClient() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(1);
        createCamera("rs-demand", cam);
        Path out1 = data.resolve("rs-demand-1.mp4");
        Path out2 = data.resolve("rs-demand-2.mp4");
        Process first = copy(url("operator", "operator", "rs-demand"), out1);
        Process second = copy(url("admin", "admin", "rs-demand"), out2);
        await("both clients receive", () -> size(out1) > 0 && size(out2) > 0);
        assertEquals(1, cam.openConnections(), "one on-demand connection for both clients");
        assertEquals(0, finish(first));
        assertEquals(0, finish(second));
        MediaProbe.assertDecodesCleanly(out1);
        MediaProbe.assertDecodesCleanly(out2);
        await("on-demand session closed", () -> app.recordingService().status("rs-demand").isEmpty()
                && fleet.cameras().get(1).openConnections() == 0);
    }

    @Test
    void anH265CameraIsReStreamedWithItsParameterSets() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(2);
        createCamera("rs-hevc", cam);
        String url = url("supervisor", "supervisor", "rs-hevc");
        String probe = MediaProbe.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width,height", "-of", "default=nw=1", url))[0];
        assertTrue(probe.contains("codec_name=hevc") && probe.contains("width=1920") && probe.contains("height=1080"),
                probe);
        Path out = data.resolve("rs-hevc.mp4");
        assertEquals(0, finish(copy(url, out)));
        MediaProbe.assertDecodesCleanly(out);
    }

    @Test
    void wrongPasswordIs401UnknownCameraIs404() throws Exception {
        createCamera("rs-refused", fleet.cameras().get(0));
        assertFails("401", url("operator", "wrong-password", "rs-refused"));
        assertFails("401", url("nobody", "nobody", "rs-refused"));
        assertFails("404", url("operator", "operator", "no-such-camera"));
    }

    /** Technicians watch live as on the WebSocket (LiveAccess); a technician of another district gets 404. */
    @Test
    void techniciansWatchTheirDistrictsCameras() throws Exception {
        createCamera("rs-tech", fleet.cameras().get(0));
        String probe = MediaProbe.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name", "-of", "default=nw=1", url("technician", "technician", "rs-tech")))[0];
        assertTrue(probe.contains("codec_name=h264"), probe);
        String password = "north-tech-secret-1";
        assertEquals(201, api.send("POST", "/api/users", server.login("admin"), "{\"username\":\"northtech\","
                + "\"password\":\"" + password + "\",\"roles\":[\"technician\"],\"districts\":[\"North\"]}")
                .statusCode());
        assertFails("404", url("northtech", password, "rs-tech"));
        await("audited", () -> audited("live.rtsp.start", "rs-tech") >= 1);
    }

    private void assertFails(String status, String url) {
        MediaProbe.Result r = MediaProbe.exec(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", url));
        assertNotEquals(0, r.exitCode(), url);
        assertTrue(r.stderr().contains(status), "expected " + status + " for " + url + ": " + r.stderr());
    }

    private String url(String user, String password, String cameraId) {
        return "rtsp://" + user + ":" + password + "@127.0.0.1:" + app.rtspPort() + "/cameras/" + cameraId;
    }

    private static Process copy(String url, Path out) throws IOException {
        return new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-t", "3",
                "-c", "copy", "-y", out.toString()).redirectErrorStream(true).redirectOutput(
                        ProcessBuilder.Redirect.appendTo(out.resolveSibling(out.getFileName() + ".log").toFile())).start();
    }

    private static int finish(Process p) throws InterruptedException {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("ffmpeg did not finish within 30 s");
        }
        return p.exitValue();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private long audited(String action, String cameraId) {
        return new Jdbc(app.database()).queryOne("SELECT COUNT(*) FROM audit_log WHERE action = ? AND target = ?",
                rs -> rs.getLong(1), action, cameraId).orElse(0L);
    }

    private void createCamera(String id, SimulatedCamera cam) throws Exception {
        server.createCamera(technician, id, cam);
    }
}
