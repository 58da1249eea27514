package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;
import static org.skynet.vms.load.ScenarioOptions.stringOption;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;
import org.skynet.vms.recorder.ingest.IngestSupervisor;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;

/**
 * {@code benchmarks/run recorder [--streams 20] [--seconds 60] [--io-threads 2] [--writer-threads 2]
 * [--fsync BOOL] [--no-ffmpeg] [--no-floor]}: N simulated 1080p H.264 cameras served by a SEPARATE
 * process (this class with {@code --serve-fleet N}, same class path), recorded by this process with
 * the recorder's ingest and segment writer; then the same streams appended raw to files (the floor,
 * {@link FloorRecorder}: the least any recorder in a JVM can spend on them); then recorded by one
 * {@code ffmpeg -rtsp_transport tcp -c copy -f segment} process per camera. Each is measured over its
 * window after a warm-up (20 s for our recorder, for the JIT; 3 s for the others). Reported: our
 * process CPU seconds per stream-minute and the share of it spent in the kernel, RSS, write MiB/s,
 * lost frames, the longest pause between two access units of one stream, the heap per stream (used
 * heap after a full GC, less what it was before the sessions started, divided by N); the floor's CPU
 * and our ratio to it; ffmpeg's CPU from {@code /proc/PID/stat} (utime + stime) and our ratio to it.
 * Progress on stderr; the last stdout line is one JSON object.
 */
public final class RecorderScenario {
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    /**
     * Warm-up of a JVM recorder before its window: the JIT compiles the hot path in the first 20-30 s
     * (C2 was about 40 % of our CPU 20 s after start at 300 streams); a recorder runs for months, so
     * the steady state is what counts.
     */
    private static final Duration JVM_WARM_UP = Duration.ofSeconds(20);
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private RecorderScenario() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve-fleet")) {
            serveFleet(Integer.parseInt(args[1]));
            return;
        }
        int streams = intOption(args, "--streams", 20);
        int seconds = intOption(args, "--seconds", 60);
        int ioThreads = intOption(args, "--io-threads", 2);
        int writerThreads = intOption(args, "--writer-threads", 2);
        Path root = Files.createTempDirectory("vms-recorder-bench");
        boolean fsync = Boolean.parseBoolean(stringOption(args, "--fsync",
                String.valueOf(SegmentConfig.defaults(root).fsync())));
        boolean withFfmpeg = !List.of(args).contains("--no-ffmpeg");
        boolean withFloor = !List.of(args).contains("--no-floor");
        Process fleet = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RecorderScenario.class.getName(), "--serve-fleet",
                String.valueOf(streams)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            List<String[]> cameras = readFleet(fleet, streams);
            log("fleet of %d cameras up in process %d; %d processors, %s, fsync %s", streams, fleet.pid(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), fsync);
            Map<String, Object> ours = recordOurselves(cameras, root.resolve("vms"), seconds, ioThreads,
                    writerThreads, fsync);
            Map<String, Object> result = new java.util.LinkedHashMap<>();
            result.put("streams", streams);
            result.put("seconds", seconds);
            result.put("fsync", fsync);
            result.putAll(ours);
            if (withFloor) {
                double floorCpu = recordFloor(cameras, root.resolve("floor"), seconds);
                result.put("floorCpuSecondsPerStreamMinute", round(floorCpu));
                result.put("floorRatio", round((double) ours.get("cpuSecondsPerStreamMinute") / floorCpu));
            }
            if (withFfmpeg) {
                double ffmpegCpu = recordWithFfmpeg(cameras, root.resolve("ffmpeg"), seconds);
                double perStreamMinute = ffmpegCpu / (streams * seconds / 60.0);
                result.put("ffmpegCpuSecondsPerStreamMinute", round(perStreamMinute));
                result.put("cpuRatio", round((double) ours.get("cpuSecondsPerStreamMinute") / perStreamMinute));
            }
            StringBuilder json = new StringBuilder("{");
            result.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                    .append(v));
            System.out.println(json.append('}'));
        } finally {
            fleet.getOutputStream().close();
            if (!fleet.waitFor(10, TimeUnit.SECONDS)) {
                fleet.destroyForcibly();
            }
            FileTrees.delete(root);
        }
    }

    private static Map<String, Object> recordOurselves(List<String[]> cameras, Path root, int seconds, int ioThreads,
            int writerThreads, boolean fsync) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long heapBefore = heapAfterGc();
        Map<Path, Long> fileBytes = new ConcurrentHashMap<>();
        SegmentListener bytes = new SegmentListener() {
            @Override
            public void fragmentWritten(SegmentFile file) {
                fileBytes.put(file.path(), file.sizeBytes());
            }

            @Override
            public void closed(SegmentFile file) {
                fileBytes.put(file.path(), file.sizeBytes());
            }
        };
        Map<String, AtomicLong> lastArrivalNanos = new ConcurrentHashMap<>();
        AtomicLong maxGapNanos = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(writerThreads);
        try (RtspClient client = RtspClient.withOwnEventLoops(ioThreads);
                IngestSupervisor supervisor = new IngestSupervisor(client, writers, Clock.systemUTC(),
                        Backoff.DEFAULT)) {
            List<IngestSession> sessions = new ArrayList<>();
            for (String[] c : cameras) {
                IngestSession s = supervisor.record(c[0], RtspSource.of(c[1], c[2], c[3]),
                        SegmentConfig.defaults(root).withFsync(fsync), bytes);
                AtomicLong last = new AtomicLong();
                lastArrivalNanos.put(c[0], last);
                s.fanOut().add((unit, arrival) -> {
                    long now = System.nanoTime();
                    long prev = last.getAndSet(now);
                    if (prev != 0) {
                        maxGapNanos.accumulateAndGet(now - prev, Math::max);
                    }
                });
                sessions.add(s);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (sessions.stream().anyMatch(s -> s.snapshot().state() != IngestState.STREAMING)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not all streams up after 30 s: " + sessions.stream()
                            .map(IngestSession::snapshot).filter(x -> x.state() != IngestState.STREAMING).findFirst());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            LockSupport.parkNanos(JVM_WARM_UP.toNanos());
            maxGapNanos.set(0);
            long lostBefore = sum(sessions, IngestSnapshot::lostFrames);
            long framesBefore = sum(sessions, IngestSnapshot::frames);
            long bytesBefore = fileBytes.values().stream().mapToLong(Long::longValue).sum();
            long cpuBefore = os.getProcessCpuTime();
            long[] ticksBefore = cpuTicks(ProcessHandle.current().pid());
            long start = System.nanoTime();
            for (int t = 0; t < seconds; t += 10) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(Math.min(10, seconds - t)));
                log("vms recorder: %d/%d s, %d frames", Math.min(seconds, t + 10), seconds,
                        sum(sessions, IngestSnapshot::frames) - framesBefore);
            }
            double window = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            long[] ticksAfter = cpuTicks(ProcessHandle.current().pid());
            long userTicks = ticksAfter[0] - ticksBefore[0];
            long systemTicks = ticksAfter[1] - ticksBefore[1];
            long written = fileBytes.values().stream().mapToLong(Long::longValue).sum() - bytesBefore;
            long lost = sum(sessions, IngestSnapshot::lostFrames) - lostBefore;
            long frames = sum(sessions, IngestSnapshot::frames) - framesBefore;
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("cpuSecondsPerStreamMinute", round(cpu / (cameras.size() * window / 60.0)));
            out.put("framesPerSecond", round(frames / window));
            out.put("cpuSystemShare", round(systemTicks / (double) Math.max(1, userTicks + systemTicks)));
            out.put("lostFrames", lost);
            out.put("maxGapMillis", maxGapNanos.get() / 1_000_000);
            out.put("rssMiB", round(rssKiB("VmRSS") / 1024.0));
            out.put("peakRssMiB", round(rssKiB("VmHWM") / 1024.0));
            out.put("writeMiBps", round(written / window / 1048576.0));
            out.put("heapPerStreamKiB", Math.round((heapAfterGc() - heapBefore) / 1024.0 / cameras.size()));
            log("vms recorder: %.1f CPU s in %.1f s for %d streams: %s", cpu, window, cameras.size(), out);
            return out;
        } finally {
            writers.shutdown();
            writers.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** The floor: returns its CPU seconds per stream-minute over a window of at most 30 s. */
    private static double recordFloor(List<String[]> cameras, Path root, int seconds) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int floorSeconds = Math.min(30, seconds);
        try (FloorRecorder floor = FloorRecorder.start(cameras, root)) {
            LockSupport.parkNanos(WARM_UP.toNanos());
            long cpuBefore = os.getProcessCpuTime();
            long bytesBefore = floor.bytes();
            long start = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(floorSeconds));
            double window = (System.nanoTime() - start) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
            log("floor: %.1f CPU s in %.1f s for %d streams, %.1f MiB/s", cpu, window, cameras.size(),
                    (floor.bytes() - bytesBefore) / window / 1048576.0);
            return cpu / (cameras.size() * window / 60.0);
        }
    }

    /** One ffmpeg per camera; returns their CPU seconds over the window. */
    private static double recordWithFfmpeg(List<String[]> cameras, Path root, int seconds) throws Exception {
        List<Process> procs = new ArrayList<>();
        try {
            for (String[] c : cameras) {
                Path dir = Files.createDirectories(root.resolve(c[0]));
                String url = c[1].replace("rtsp://", "rtsp://" + c[2] + ":" + c[3] + "@");
                procs.add(new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url,
                        "-c", "copy", "-f", "segment", "-segment_time", "60", "-reset_timestamps", "1",
                        dir.resolve("%03d.mp4").toString()).redirectErrorStream(true)
                        .redirectOutput(root.resolve(c[0] + ".log").toFile()).start());
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5) + WARM_UP.toNanos()); // connect, then warm up
            long before = ticks(procs);
            long start = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
            double window = (System.nanoTime() - start) / 1e9;
            double cpu = (ticks(procs) - before) / (double) CLOCK_TICKS_PER_SECOND * (seconds / window);
            log("ffmpeg: %.1f CPU s in %.1f s for %d processes (%d still running)", cpu, window, procs.size(),
                    procs.stream().filter(Process::isAlive).count());
            return cpu;
        } finally {
            procs.forEach(Process::destroy);
            for (Process p : procs) {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Child process: the fleet; one line per camera on stdout ({@code id url user password}), then blocks on stdin. */
    private static void serveFleet(int cameras) throws IOException {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).eventLoopThreads(2).build())) {
            for (SimulatedCamera c : fleet.cameras()) {
                System.out.println(c.id() + " " + c.rtspMainUrl() + " " + c.username() + " " + c.password());
            }
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our stdin
            }
        }
    }

    private static List<String[]> readFleet(Process fleet, int streams) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(fleet.getInputStream(), StandardCharsets.UTF_8));
        List<String[]> out = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null && !line.equals("READY")) {
            out.add(line.split(" "));
        }
        if (out.size() != streams) {
            throw new IllegalStateException("fleet process gave " + out.size() + " cameras, wanted " + streams);
        }
        return out;
    }

    private static long ticks(List<Process> procs) throws IOException {
        long total = 0;
        for (Process p : procs) {
            long[] t = cpuTicks(p.pid());
            total += t[0] + t[1];
        }
        return total;
    }

    /** User and system CPU of a process in clock ticks, {0, 0} when it is gone. */
    private static long[] cpuTicks(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return new long[2];
        }
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 and 15: utime, stime
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssKiB(String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static long sum(List<IngestSession> sessions, java.util.function.ToLongFunction<IngestSnapshot> f) {
        return sessions.stream().map(IngestSession::snapshot).mapToLong(f).sum();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static void log(String format, Object... values) {
        System.err.println(Instant.now() + " recorder: " + String.format(Locale.ROOT, format, values));
    }
}
