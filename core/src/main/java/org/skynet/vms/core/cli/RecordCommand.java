package org.skynet.vms.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.rtsp.RtpTransport;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.ingest.Backoff;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;
import org.skynet.vms.recorder.ingest.IngestSupervisor;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentNaming;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vms record}: records one camera into a directory with the recorder's own ingest and segment
 * writer (no server, no database), reconnecting like the server does, and prints a summary. Progress
 * goes to stderr every 5 s (every second for runs under 10 s). Exit 0 when something was recorded, 1 when nothing could be (the
 * reason is printed), 2 for bad usage.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record one RTSP camera into fragmented-MP4 segment files and print a summary.")
public final class RecordCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration SHORT_RUN = Duration.ofSeconds(10);
    private static final Duration MAX_DURATION = Duration.ofDays(7);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RTSP_URL", description = "rtsp://host[:port]/path (credentials may be in the URL).")
    String url;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the files (<DIR>/<camera>/<yyyy-MM-dd>/...mp4); created if missing.")
    Path out;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME",
            description = "How long to record: 500ms, 30s, 5m, 1h (default ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--user", paramLabel = "U", description = "Camera user name.")
    String user;

    @Option(names = "--password", paramLabel = "P", description = "Camera password.")
    String password;

    @Option(names = "--transport", defaultValue = "tcp", paramLabel = "tcp|udp",
            description = "RTP over the RTSP connection (tcp, default) or over UDP.")
    String transport;

    @Option(names = "--camera-id", defaultValue = "camera", paramLabel = "ID",
            description = "Name used for the directory and files (default ${DEFAULT-VALUE}).")
    String cameraId;

    @Option(names = "--no-fsync", description = "Do not force each fragment to disk.")
    boolean noFsync;

    @Override
    public Integer call() throws Exception {
        Duration length = parseDuration(duration);
        SegmentNaming.checkCameraId(cameraId);
        RtspSource source = RtspSource.of(url, user, password).withTransport(parseTransport(transport));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw VmsException.invalid("out", "cannot create " + out + ": " + e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<SegmentFile> files = new CopyOnWriteArrayList<>();
        SegmentListener listener = new SegmentListener() {
            @Override
            public void closed(SegmentFile file) {
                files.add(file);
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        IngestSnapshot last;
        try (RtspClient client = RtspClient.withOwnEventLoops(1);
                IngestSupervisor supervisor = new IngestSupervisor(client, writer, Clock.systemUTC(),
                        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 2.0, 0.2))) {
            IngestSession session = supervisor.record(cameraId, source,
                    SegmentConfig.defaults(out).withFsync(!noFsync), listener);
            last = waitFor(session, length, stderr);
            supervisor.stop(cameraId).get(30, TimeUnit.SECONDS);
        } finally {
            writer.shutdown();
            writer.awaitTermination(10, TimeUnit.SECONDS);
        }
        return summarize(files, last, stdout, stderr);
    }

    /** Waits for the duration, printing progress; returns early when the session failed for good. */
    private IngestSnapshot waitFor(IngestSession session, Duration length, PrintWriter stderr) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        long every = (length.compareTo(SHORT_RUN) < 0 ? Duration.ofSeconds(1) : PROGRESS_EVERY).toNanos();
        long nextProgress = start + every;
        while (System.nanoTime() - end < 0) {
            if (session.snapshot().state() == IngestState.FAILED) {
                break;
            }
            if (System.nanoTime() - nextProgress >= 0) {
                IngestSnapshot s = session.snapshot();
                stderr.printf(Locale.ROOT, "record: %d/%d s, %s, %d frames, %.1f MiB, %d lost, %d reconnects%n",
                        Duration.ofNanos(System.nanoTime() - start).toSeconds(), length.toSeconds(), s.state(),
                        s.frames(), s.bytes() / 1048576.0, s.lostFrames(), s.reconnects());
                stderr.flush();
                nextProgress += every;
            }
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(100), Math.max(1, end - System.nanoTime())));
        }
        return session.snapshot();
    }

    private static int summarize(List<SegmentFile> files, IngestSnapshot s, PrintWriter stdout, PrintWriter stderr) {
        long frames = 0;
        long bytes = 0;
        long duration90k = 0;
        Instant first = null;
        for (SegmentFile f : files) {
            frames += f.frames();
            bytes += f.sizeBytes();
            duration90k += f.mediaDuration90k();
            stdout.printf(Locale.ROOT, "file %s  %d frames  %.3f s  %d bytes  %s  sha256 %s%n", f.path(), f.frames(),
                    f.mediaDuration90k() / 90_000.0, f.sizeBytes(), f.closeReason(), f.sha256());
            first = first == null ? f.startWall() : first;
        }
        stdout.printf(Locale.ROOT, "files: %d%n", files.size());
        stdout.printf(Locale.ROOT, "duration: %.3f s%n", duration90k / 90_000.0);
        stdout.printf(Locale.ROOT, "frames: %d%n", frames);
        stdout.printf(Locale.ROOT, "bytes: %d%n", bytes);
        stdout.printf(Locale.ROOT, "gaps: %d%n", s.gaps());
        stdout.printf(Locale.ROOT, "lost frames: %d%n", s.lostFrames());
        stdout.printf(Locale.ROOT, "reconnects: %d%n", s.reconnects());
        if (first != null) {
            stdout.printf(Locale.ROOT, "started: %s%n", first);
        }
        stdout.flush();
        if (frames > 0) {
            return VmsCommand.EXIT_OK;
        }
        String reason = s.reason() != null ? s.reason()
                : s.frames() > 0 ? "no keyframe with parameter sets arrived" : "no video arrived";
        stderr.println("vms: nothing recorded: " + reason);
        stderr.flush();
        return VmsCommand.EXIT_CHECK_FAILED;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw VmsException.invalid("duration", "--duration must look like 500ms, 30s, 5m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero() || d.compareTo(MAX_DURATION) > 0) {
            throw VmsException.invalid("duration", "--duration must be between 1 ms and 7 days, got '" + text + "'");
        }
        return d;
    }

    static RtpTransport parseTransport(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> RtpTransport.TCP_INTERLEAVED;
            case "udp" -> RtpTransport.UDP;
            default -> throw new VmsException(ErrorKind.INVALID_ARGUMENT, "--transport must be tcp or udp, got '"
                    + text + "'", "transport", null);
        };
    }
}
