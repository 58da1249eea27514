package org.skynet.vms.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.recording.MediaProbe;

/**
 * Issue 8, "the server killed with kill -9 and restarted": {@code vms serve} (embedded H2) records two
 * simulated cameras, is SIGKILLed mid-fragment, and started again on the same data directory. Recording
 * resumes within 10 s of the JVM start, every file from before decodes cleanly with ffmpeg and has a
 * catalogue row with its frames and hash (start-up recovery), no durable fragment is lost, a graceful
 * stop afterwards stores every row, and the audit chain verifies.
 */
class KillRestartIT {
    private static final long RESUME_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path data;

    private SimulatedFleet fleet;
    private ServerProcess server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Timeout(240)
    void recordingResumesAndNothingCompletedIsLost() throws Exception {
        MediaProbe.requireTool("ffmpeg");
        MediaProbe.requireTool("ffprobe");
        fleet = SimulatedFleet.start(SimConfig.builder(2).eventLoopThreads(1).build());
        Map<String, String> settings = Map.of("data", data.toString(), "monitor.interval-seconds", "5");
        server = ServerProcess.start(data, settings, 1);
        String password = server.adminPassword();
        FleetApi api = new FleetApi(server::port, "admin", password);
        List<String> cameras = api.addCameras(fleet, "kill");
        for (String id : cameras) {
            api.record(id);
        }
        Map<String, Long> durable = new HashMap<>();
        for (String id : cameras) {
            api.await(id + " has recorded 3 s", 60, () -> api.frames(id, Instant.EPOCH) >= 75);
        }
        for (String id : cameras) {
            durable.put(id, api.frames(id, Instant.EPOCH));
        }
        List<Path> before = mp4Files();
        server.kill();

        Instant restart = Instant.now();
        server = ServerProcess.start(data, settings, 2);
        FleetApi again = new FleetApi(server::port, "admin", password);
        for (String id : cameras) {
            again.await(id + " records again", 30, () -> again.frames(id, restart) > 0);
        }
        long resumedAfter = System.nanoTime() - server.startedNanos();
        System.out.printf("kill -9 test: %d files before the kill; after the restart the server listened %d ms and"
                + " recording resumed %d ms after the JVM start%n", before.size(), server.millisToListen(),
                TimeUnit.NANOSECONDS.toMillis(resumedAfter));
        assertTrue(resumedAfter <= RESUME_LIMIT_NANOS, "recording resumed only after "
                + TimeUnit.NANOSECONDS.toMillis(resumedAfter) + " ms");

        Map<String, JsonNode> rowsBySha = new HashMap<>();
        long recovered = 0;
        for (String id : cameras) {
            for (JsonNode row : again.segments(id, Instant.EPOCH)) {
                rowsBySha.put(row.get("sha256").asText(), row);
                if (Instant.parse(row.get("start").asText()).isBefore(restart)) {
                    recovered += row.get("frames").asLong();
                }
            }
        }
        assertTrue(recovered >= durable.values().stream().mapToLong(Long::longValue).sum(),
                "fragments stored before the kill were lost: " + durable + " vs " + recovered + " frames after recovery");
        for (Path file : before) {
            assertTrue(Files.exists(file), file + " vanished");
            MediaProbe.assertDecodesCleanly(file);
            JsonNode row = rowsBySha.get(sha256(file));
            assertTrue(row != null, "no catalogue row for " + file + " with its content hash");
            assertEquals(MediaProbe.probe(file).get("nb_read_frames"), row.get("frames").asText(), file.toString());
            assertEquals("closed", row.get("state").asText(), file.toString());
        }

        server.close();
        String log = server.stderr();
        server = null;
        assertTrue(!log.contains("not stored") && !log.contains("not written at shutdown"),
                "a graceful stop must store every row: " + log.lines().filter(l -> l.contains("WARN")).toList());
        assertEquals(0, VmsCommand.execute("audit", "verify", "--config", data.resolve("vms.properties").toString()),
                "the audit chain must verify after kill -9");
    }

    private static String sha256(Path file) throws java.io.IOException, java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private List<Path> mp4Files() throws java.io.IOException {
        try (Stream<Path> s = Files.walk(data.resolve("recordings"))) {
            return s.filter(p -> p.toString().endsWith(".mp4")).sorted().toList();
        }
    }
}
