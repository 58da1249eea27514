package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.users.ManualClock;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;
import org.skynet.vms.recorder.retention.DiskUsage;

/** Heartbeat figures of a node from ingest counters, disk usage and CPU load. */
class NodeFiguresMeterTest {
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final long GIB = 1L << 30;

    private final ManualClock clock = new ManualClock(T0);
    private final List<IngestSnapshot> sessions = new ArrayList<>();
    private final NodeFiguresMeter meter = new NodeFiguresMeter("http://127.0.0.1:9000", 40, () -> List.copyOf(sessions),
            () -> new DiskUsage(100 * GIB, 40 * GIB), () -> 0.25, clock);

    @Test
    void bitRateIsTheGrowthOfEveryCountedCameraOverTheInterval() {
        sessions.add(snapshot("a", 1_000_000));
        sessions.add(snapshot("b", 5_000_000));
        NodeFigures first = meter.measure();
        assertEquals(0, first.ingestBps(), "no interval yet");
        assertNull(first.freeDays(), "no rate, no estimate");
        assertEquals("http://127.0.0.1:9000", first.url());
        assertEquals(40, first.capacity());
        assertEquals(25.0, first.cpuPercent());
        assertEquals(60 * GIB, first.diskUsedBytes().longValue());
        assertEquals(40 * GIB, first.diskFreeBytes().longValue());

        clock.advance(Duration.ofSeconds(2));
        sessions.clear();
        sessions.add(snapshot("a", 1_500_000));   // +500 kB
        sessions.add(snapshot("b", 10));          // restarted: its old counter does not count
        sessions.add(snapshot("c", 700_000));     // new: counts from the next interval
        NodeFigures second = meter.measure();
        assertEquals(500_000L * 8 / 2, second.ingestBps());
        assertEquals(40.0 * GIB / (250_000.0 * 86_400), second.freeDays(), 1e-9);

        clock.advance(Duration.ofSeconds(1));
        sessions.clear();
        sessions.add(snapshot("c", 800_000));     // a and b stopped
        assertEquals(100_000L * 8, meter.measure().ingestBps());
    }

    @Test
    void unknownCpuLoadIsNull() {
        NodeFiguresMeter unknown = new NodeFiguresMeter(null, 0, List::of, () -> new DiskUsage(1, 1), () -> -1, Clock.systemUTC());
        assertNull(unknown.measure().cpuPercent());
    }

    private static IngestSnapshot snapshot(String camera, long bytes) {
        return new IngestSnapshot(camera, IngestState.values()[0], null, T0, bytes / 1000, bytes, 0, 0, 0, null, null,
                null);
    }
}
