package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;

class FanOutTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void everySinkGetsEveryUnitEvenWhenAnotherThrows() {
        IngestStatus status = new IngestStatus("cam", Backoff.DEFAULT, () -> 0.5, T0);
        FanOut fanOut = new FanOut("cam", Clock.fixed(T0, ZoneOffset.UTC), status);
        List<Instant> arrivals = new ArrayList<>();
        fanOut.add((u, at) -> {
            throw new IllegalStateException("broken viewer");
        });
        fanOut.add((u, at) -> arrivals.add(at));
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0).subList(0, 10);
        units.forEach(fanOut::onAccessUnit);
        assertEquals(10, arrivals.size());
        assertEquals(T0, arrivals.get(0), "arrival from the injected clock");
        assertEquals(10, status.snapshot().frames());
        assertEquals(units.stream().mapToLong(AccessUnit::sizeBytes).sum(), status.snapshot().bytes());
    }

    @Test
    void removedSinkGetsNothingMore() {
        IngestStatus status = new IngestStatus("cam", Backoff.DEFAULT, () -> 0.5, T0);
        FanOut fanOut = new FanOut("cam", Clock.fixed(T0, ZoneOffset.UTC), status);
        List<AccessUnit> got = new ArrayList<>();
        AccessUnitSink sink = (u, at) -> got.add(u);
        fanOut.add(sink);
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0);
        fanOut.onAccessUnit(units.get(0));
        fanOut.remove(sink);
        fanOut.onAccessUnit(units.get(1));
        assertEquals(List.of(units.get(0)), got);
    }

    @Test
    void aClosedFanOutDropsUnitsOfAConnectionThatCompletedAfterTheStop() {
        IngestStatus status = new IngestStatus("cam", Backoff.DEFAULT, () -> 0.5, T0);
        FanOut fanOut = new FanOut("cam", Clock.fixed(T0, ZoneOffset.UTC), status);
        List<AccessUnit> got = new ArrayList<>();
        fanOut.add((u, at) -> got.add(u));
        List<AccessUnit> units = TestClips.timed(Codec.H264, 1, 0, T0);
        fanOut.onAccessUnit(units.get(0));
        fanOut.close();
        fanOut.onAccessUnit(units.get(1));
        assertEquals(List.of(units.get(0)), got);
        assertEquals(1, status.snapshot().frames(), "a dropped unit is not counted either");
    }
}
