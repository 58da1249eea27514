package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.segment.CloseReason;

/**
 * Disk full in the whole server (issue 5): a simulated camera recorded onto an 8 MiB tmpfs that is then
 * filled. Recording to that root stops with a STORAGE alarm, the cut file plays cleanly, and once space
 * returns recording resumes and the alarm clears. Needs root to mount the tmpfs; skipped otherwise.
 */
class DiskFullIT {
    private static final String CAMERA = "full-cam";

    @TempDir
    Path data;

    private Path mountPoint;
    private TestServer server;
    private VmsApplication app;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (mountPoint != null) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    @Test
    void recordingStopsWithAnAlarmAndResumesWhenSpaceReturns() throws Exception {
        MediaProbe.requireTool("ffprobe");
        Path root = Files.createDirectories(data.resolve("rec"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", root.toString()) == 0,
                "cannot mount a tmpfs (needs root); skipping the disk-full test");
        mountPoint = root;
        server = TestServer.start(data, Map.of("recorder.fsync", "false", "recorder.root", root.toString(),
                "recorder.keep-free", "0%", "recorder.retention-interval-seconds", "3600"),
                SimConfig.builder(1).eventLoopThreads(1).build());
        app = server.app();
        ApiTestClient api = server.api();
        String technician = server.login("technician");
        server.createCamera(technician, CAMERA, server.fleet().cameras().get(0));
        Instant since = Instant.now().minusSeconds(60);
        assertEquals(200, api.send("PUT", "/api/cameras/" + CAMERA + "/recording", technician,
                "{\"mode\":\"continuous\"}").statusCode());
        await("two fragments recorded", () -> segments(since).stream().mapToLong(SegmentRow::frames).sum() >= 50);

        Path filler = root.resolve("filler");
        Files.write(filler, new byte[(int) (Files.getFileStore(root).getUsableSpace() - 300_000)]);
        Alarm alarm = await("STORAGE alarm", () -> storageAlarm().orElse(null));
        assertTrue(alarm.message().contains("recording stopped"), alarm.message());
        SegmentRow cut = await("a WRITE_FAILED segment", () -> segments(since).stream()
                .filter(r -> CloseReason.WRITE_FAILED.name().equals(r.closeReason())).findFirst().orElse(null));
        assertEquals(Files.size(cut.file()), cut.sizeBytes());
        assertEquals(String.valueOf(cut.frames()), MediaProbe.probe(cut.file()).get("nb_read_frames"));
        MediaProbe.assertDecodesCleanly(cut.file());

        Files.delete(filler);
        await("alarm cleared", () -> storageAlarm().isEmpty() ? Boolean.TRUE : null);
        await("recording resumed after the cut", () -> segments(since).stream()
                .anyMatch(r -> r.startWall().isAfter(cut.endWall()) && r.frames() > 0) ? Boolean.TRUE : null);
    }

    private List<SegmentRow> segments(Instant since) {
        return app.recordingService().segments(CAMERA, since, Instant.now().plusSeconds(60), 100);
    }

    private Optional<Alarm> storageAlarm() {
        return app.alarmService().active().stream().filter(a -> a.kind() == AlarmKind.STORAGE).findFirst();
    }

    private static <T> T await(String what, Supplier<T> check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (System.nanoTime() < deadline) {
            T value = check.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        fail("not within 45 s: " + what);
        return null;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
