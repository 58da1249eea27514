package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.rtsp.RtspTimeouts;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.recorder.fmp4.MediaTools;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;

/**
 * Ingest against the simulated fleet on loopback: recorded files play in ffmpeg; a STALL fault closes
 * the file as a gap and recording resumes after reconnecting; DOWN then UP reconnects with backoff; a
 * wrong password stops at once.
 */
class IngestSupervisorIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static SimulatedFleet fleet;
    private static RtspClient client;

    @TempDir
    Path root;

    private final List<SegmentFile> closed = new CopyOnWriteArrayList<>();
    private final List<SegmentFile> opened = new CopyOnWriteArrayList<>();
    private ExecutorService writers;
    private IngestSupervisor supervisor;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(4).eventLoopThreads(1).build());
        client = RtspClient.withOwnEventLoops(1);
    }

    @AfterAll
    static void stopFleet() {
        if (client != null) {
            client.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @BeforeEach
    void start() {
        writers = Executors.newFixedThreadPool(1);
        supervisor = new IngestSupervisor(client, writers, Clock.systemUTC(),
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), 2.0, 0.2));
    }

    @AfterEach
    void stop() throws Exception {
        supervisor.close();
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
        fleet.setFault(fleet.cameras().stream().map(SimulatedCamera::id).toList(), Fault.NONE);
    }

    private IngestSession record(SimulatedCamera cam) {
        SegmentConfig base = SegmentConfig.defaults(root);
        SegmentConfig config = new SegmentConfig(root, base.fragmentTarget(), base.maxFragment(),
                base.maxFragmentBytes(), Duration.ofSeconds(2), false, base.maxFrameGap(), base.maxClockJump(),
                Duration.ofMillis(1500));
        RtspSource source = RtspSource.of(cam.rtspMainUrl(), cam.username(), cam.password())
                .withTimeouts(new RtspTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10)));
        return supervisor.record(cam.id(), source, config, new SegmentListener() {
            @Override
            public void opened(SegmentFile file) {
                opened.add(file);
            }

            @Override
            public void closed(SegmentFile file) {
                closed.add(file);
            }
        });
    }

    @Test
    void recordedFilesPlayWithTheFramesAndDurationWritten() throws Exception {
        MediaTools.assumeAvailable();
        SimulatedCamera cam = fleet.cameras().get(0);
        IngestSession session = record(cam);
        Await.until(WAIT, () -> closed.size() >= 2, () -> "two closed files; " + session.snapshot());
        supervisor.stop(cam.id()).get(10, TimeUnit.SECONDS);
        IngestSnapshot s = session.snapshot();
        assertEquals(IngestState.STOPPED, s.state());
        long framesInFiles = 0;
        for (SegmentFile f : closed) {
            Map<String, String> probe = MediaTools.probe(f.path());
            assertEquals(String.valueOf(f.frames()), probe.get("nb_read_frames"), f.toString());
            double seconds = Double.parseDouble(probe.get("format.duration"));
            double expected = f.mediaDuration90k() / 90_000.0;
            assertTrue(Math.abs(seconds - expected) <= expected * 0.01, seconds + " s vs " + expected + " s in " + f);
            MediaTools.assertDecodesCleanly(f.path());
            framesInFiles += f.frames();
        }
        assertTrue(framesInFiles > 0 && framesInFiles <= s.frames(), framesInFiles + " of " + s);
        assertEquals(0, s.lostFrames(), s.toString());
    }

    @Test
    void stallClosesTheFileAsAGapAndRecordingResumes() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(1);
        IngestSession session = record(cam);
        Await.until(WAIT, () -> session.snapshot().frames() > 25, () -> "frames flow; " + session.snapshot());
        fleet.setFault(cam.id(), Fault.STALL);
        Await.until(WAIT, () -> closed.stream().anyMatch(f -> f.closeReason() == CloseReason.STALL),
                () -> "a file closed as STALL; " + closed);
        Await.until(WAIT, () -> session.snapshot().reconnects() >= 1 && session.snapshot().gaps() >= 1,
                () -> "a reconnect after the stall; " + session.snapshot());
        int filesBefore = opened.size();
        long framesBefore = session.snapshot().frames();
        fleet.setFault(cam.id(), Fault.NONE);
        Await.until(WAIT, () -> opened.size() > filesBefore && session.snapshot().frames() > framesBefore + 25,
                () -> "recording resumed in a new file; " + session.snapshot());
        IngestSnapshot s = session.snapshot();
        assertEquals(IngestState.STREAMING, s.state());
        assertTrue(s.lastGapReason().contains("stalled"), s.toString());
    }

    @Test
    void cameraDownThenUpReconnectsWithBackoff() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(2);
        IngestSession session = record(cam);
        Await.until(WAIT, () -> session.snapshot().frames() > 25, () -> "frames flow; " + session.snapshot());
        fleet.setFault(cam.id(), Fault.DOWN);
        Await.until(WAIT, () -> session.snapshot().reconnects() >= 3
                        && session.snapshot().state() == IngestState.BACKING_OFF,
                () -> "several refused attempts; " + session.snapshot());
        IngestSnapshot down = session.snapshot();
        assertTrue(down.reason().startsWith("UNREACHABLE") || down.reason().startsWith("TIMEOUT"), down.toString());
        assertTrue(Duration.between(down.since(), down.nextAttemptAt()).toMillis() >= 400,
                "backoff grew past the initial 200 ms: " + down);
        long framesBefore = session.snapshot().frames();
        fleet.setFault(cam.id(), Fault.NONE);
        Await.until(WAIT, () -> session.snapshot().frames() > framesBefore + 25,
                () -> "streaming again; " + session.snapshot());
        assertEquals(IngestState.STREAMING, session.snapshot().state());
        assertTrue(closed.stream().anyMatch(f -> f.closeReason() != CloseReason.ROTATED), "the outage closed a file");
    }

    @Test
    void wrongPasswordStopsRetryingAtOnce() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(3);
        fleet.setFault(cam.id(), Fault.WRONG_PASSWORD);
        IngestSession session = record(cam);
        Await.until(WAIT, () -> session.snapshot().state() == IngestState.FAILED, () -> session.snapshot().toString());
        IngestSnapshot s = session.snapshot();
        assertTrue(s.reason().startsWith("AUTH_FAILED"), s.toString());
        assertEquals(0, s.reconnects());
        assertTrue(!s.reason().contains(cam.password()), "no password in the reason");
    }
}
