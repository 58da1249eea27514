package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.cli.VmsCommand;

/**
 * {@code vms record} as a user runs it, against the simulated camera fleet on loopback; the files are
 * checked with Debian's ffprobe and ffmpeg.
 */
class RecordCommandIT {
    private static final Pattern FILE_LINE = Pattern.compile("file (\\S+)  (\\d+) frames  ([0-9.]+) s  (\\d+) bytes.*");
    private static SimulatedFleet fleet;

    @TempDir
    Path out;

    /** What one run printed. */
    record Run(int exit, String stdout, String stderr) {
        Map<String, String> summary() {
            Map<String, String> m = new HashMap<>();
            for (String line : stdout.split("\n")) {
                int colon = line.indexOf(": ");
                if (!line.startsWith("file ") && colon > 0) {
                    m.put(line.substring(0, colon), line.substring(colon + 2).trim());
                }
            }
            return m;
        }
    }

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(2).eventLoopThreads(1).build());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    static Run record(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(List.of("record"));
            all.addAll(List.of(args));
            exit = VmsCommand.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Run r = new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        oldOut.println(r.stdout());
        return r;
    }

    /** Checks every file the summary lists with ffprobe and ffmpeg; returns the frames in them. */
    static long checkFiles(Run r, Path dir) throws IOException {
        long frames = 0;
        int files = 0;
        for (String line : r.stdout().split("\n")) {
            Matcher m = FILE_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Path file = Path.of(m.group(1));
            assertTrue(file.startsWith(dir) && Files.isRegularFile(file), line);
            assertEquals(Long.parseLong(m.group(4)), Files.size(file), line);
            Map<String, String> probe = MediaProbe.probe(file);
            assertEquals(m.group(2), probe.get("nb_read_frames"), "frames in " + line);
            double expected = Double.parseDouble(m.group(3));
            double seconds = Double.parseDouble(probe.get("format.duration"));
            assertTrue(Math.abs(seconds - expected) <= expected * 0.01, seconds + " s in the file vs " + line);
            MediaProbe.assertDecodesCleanly(file);
            frames += Long.parseLong(m.group(2));
            files++;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(files, all.filter(p -> p.toString().endsWith(".mp4")).count(), "every file is listed");
        }
        assertEquals(String.valueOf(files), r.summary().get("files"));
        return frames;
    }

    @Test
    void recordsFiveSecondsOfASimulatedCameraIntoFilesThatPlay() throws IOException {
        MediaProbe.requireTool("ffprobe");
        MediaProbe.requireTool("ffmpeg");
        SimulatedCamera cam = fleet.cameras().get(0);
        Run r = record(cam.rtspMainUrl(), "--out", out.toString(), "--duration", "5s", "--user", cam.username(),
                "--password", cam.password(), "--camera-id", "gate-1");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("/5 s, STREAMING, "), "progress on stderr: " + r.stderr());
        long frames = checkFiles(r, out);
        Map<String, String> summary = r.summary();
        assertEquals(String.valueOf(frames), summary.get("frames"));
        double seconds = Double.parseDouble(summary.get("duration").replace(" s", ""));
        assertTrue(seconds > 3.5 && seconds < 5.5, "recorded media time " + seconds);
        // 25 fps source: frames and media time agree to within a frame per file.
        assertTrue(Math.abs(frames - seconds * 25) <= 2, frames + " frames for " + seconds + " s");
        assertEquals("0", summary.get("gaps"));
        assertEquals("0", summary.get("lost frames"));
        assertFalse(r.stdout().contains(cam.password()) || r.stderr().contains(cam.password()), "password shown");
    }

    @Test
    void wrongPasswordExitsOneWithTheReason() {
        SimulatedCamera cam = fleet.cameras().get(1);
        fleet.setFault(cam.id(), Fault.WRONG_PASSWORD);
        try {
            Run r = record(cam.rtspMainUrl(), "--out", out.toString(), "--duration", "20s", "--user", cam.username(),
                    "--password", cam.password());
            assertEquals(1, r.exit(), r.stdout() + r.stderr());
            assertTrue(r.stderr().contains("nothing recorded: AUTH_FAILED"), r.stderr());
            assertEquals("0", r.summary().get("files"));
        } finally {
            fleet.setFault(cam.id(), Fault.NONE);
        }
    }

    @Test
    void unreachableCameraExitsOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run r = record("rtsp://127.0.0.1:" + port + "/live", "--out", out.toString(), "--duration", "1500ms");
        assertEquals(1, r.exit(), r.stdout() + r.stderr());
        assertTrue(r.stderr().contains("nothing recorded: UNREACHABLE"), r.stderr());
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, record("rtsp://127.0.0.1:1/x", "--out", out.toString(), "--duration", "5 parsecs").exit());
        assertEquals(2, record("rtsp://127.0.0.1:1/x", "--out", out.toString(), "--transport", "sctp").exit());
        assertEquals(2, record("rtsp://127.0.0.1:1/x").exit(), "--out is required");
        assertEquals(2, record("http://127.0.0.1:1/x", "--out", out.toString()).exit(), "not rtsp");
        assertEquals(2, record("rtsp://127.0.0.1:1/x", "--out", out.toString(), "--camera-id", "../etc").exit());
    }
}
