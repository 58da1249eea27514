package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.MediaTools;

/**
 * kill -9 while recording: a child JVM ({@link CrashChild}) records in a loop, we SIGKILL it
 * ({@code destroyForcibly}) while it writes, then run {@link SegmentRecovery} on every file and check
 * with ffmpeg that each decodes cleanly and holds every fragment the child reported durable. A
 * fragment written but not yet reported may survive too (at most one per file).
 */
class SegmentCrashRecoveryIT {
    private static final long GROWTH_DEADLINE_NANOS = 10_000_000_000L;

    @TempDir
    Path root;

    @BeforeEach
    void tools() {
        MediaTools.assumeAvailable();
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    @Timeout(120)
    void killWhileRotatingLeavesClosedFilesIntact(Codec codec) throws Exception {
        // 0.4 s fragments, 4 s files: 40 reports span several files.
        int files = crash(codec, "", 400, 4000, 40, false);
        assertTrue(files >= 2, "the child rotated files");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    @Timeout(120)
    void killInsideAFragmentWriteLosesOnlyThatFragment(Codec codec) throws Exception {
        // 1080p, 20 s fragments (~2.5 MB writes), killed once the file is seen growing past fragment 1.
        String clip = codec == Codec.H264 ? "/sim/main_1080p.h264" : "/sim/main_1080p.h265";
        crash(codec, clip, 20_000, 60_000, 1, true);
    }

    /**
     * Runs {@link CrashChild}, SIGKILLs it after {@code killAfterLines} reports (and, when asked, once the
     * open file grows past its last durable size), recovers every file and checks it.
     *
     * @return the number of files found
     */
    private int crash(Codec codec, String clip, long fragmentMillis, long segmentMillis, int killAfterLines,
            boolean waitForGrowth) throws Exception {
        Path stderr = root.resolve("child.err");
        Path log = root.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                root.resolve("store").toString(), codec.name(), log.toString(), clip, String.valueOf(fragmentMillis),
                String.valueOf(segmentMillis))
                .redirectError(stderr.toFile()).start();
        boolean grew = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String[] last = waitForLines(in, killAfterLines);
            assertTrue(last != null, () -> "child stopped early: " + read(stderr));
            if (waitForGrowth) {
                grew = waitUntilGrowing(Path.of(last[1]), Long.parseLong(last[3]));
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");

        Map<Path, Integer> reported = new HashMap<>();
        Set<Path> closed = new HashSet<>();
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            String[] f = line.split(" ");
            Path path = Path.of(f[1]);
            reported.merge(path, Integer.parseInt(f[2]), Math::max);
            if (f[0].equals("closed")) {
                closed.add(path);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve("store"))) {
            files = s.filter(p -> p.toString().endsWith(".mp4")).sorted().collect(Collectors.toList());
        }
        int torn = 0;
        for (Path file : files) {
            SegmentRecovery.Result r = SegmentRecovery.recover(file);
            int printed = reported.getOrDefault(file, 0);
            if (!r.usable()) {
                assertEquals(0, printed, file + " lost its init segment but had fragments reported");
                continue;
            }
            int kept = r.file().fragments();
            if (closed.contains(file)) {
                assertEquals(printed, kept, "closed file " + file + " must be intact");
                assertEquals(0, r.truncatedBytes());
            } else {
                assertTrue(kept == printed || kept == printed + 1,
                        "open file " + file + ": reported " + printed + " durable fragments, recovered " + kept);
            }
            torn += r.truncatedBytes() > 0 ? 1 : 0;
            if (r.file().frames() > 0) {
                SegmentFilesPlayIT.checkWithTools(r.file(), codec);
            }
        }
        System.out.println("crash test " + codec + " " + (clip.isEmpty() ? "test clip" : clip) + ": " + files.size()
                + " files, " + lines.size() + " reports" + (waitForGrowth ? ", growth seen " + grew : "") + ", " + torn
                + " torn tail(s) cut off");
        return files.size();
    }

    /** Reads {@code n} lines of the child's report; the last one split, or {@code null} at end of stream. */
    private static String[] waitForLines(BufferedReader in, int n) throws IOException {
        String line = null;
        for (int i = 0; i < n; i++) {
            line = in.readLine();
            if (line == null) {
                return null;
            }
        }
        return line.split(" ");
    }

    /**
     * Waits (spinning, with a deadline: the window is a write of a few hundred KiB) until {@code file}
     * is longer than its last durable size, i.e. the child is writing its next fragment.
     */
    private static boolean waitUntilGrowing(Path file, long durableBytes) throws IOException {
        long deadline = System.nanoTime() + GROWTH_DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            if (Files.size(file) > durableBytes) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }
}
