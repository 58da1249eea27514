package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

/** One snapshot per UTC day and mode, city and districts, whatever the number of checks; series by date range. */
class RateSnapshotsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void savesOncePerDayAndModeAndReadsSeries(TestDatabase db) {
        RateSnapshots store = new RateSnapshots(db.jdbc());
        CoverageSummary live = new CoverageSummary(CoverageMode.LIVE, new CoverageSummary.Rate(1, 4),
                Map.of("east", new CoverageSummary.Rate(1, 2), "west", new CoverageSummary.Rate(0, 2)), Map.of());
        Instant at = DAY.atTime(0, 5).toInstant(ZoneOffset.UTC);
        assertFalse(store.has(DAY, "live"));
        assertTrue(store.save(DAY, live, at));
        assertFalse(store.save(DAY, live, at.plusSeconds(600)), "the day is stored once");
        assertTrue(store.has(DAY, "live"));
        assertFalse(store.has(DAY, "designed"));
        assertTrue(store.save(DAY.minusDays(1), live, at.minusSeconds(86_400)));

        assertEquals(List.of(new RatePoint(DAY.minusDays(1), "live", 1, 4, 0.25), new RatePoint(DAY, "live", 1, 4, 0.25)),
                store.series(DAY.minusDays(7), DAY, null));
        assertEquals(List.of(new RatePoint(DAY, "live", 1, 2, 0.5)), store.series(DAY, DAY, "east"));
        assertEquals(List.of(), store.series(DAY, DAY, "north"));
        assertEquals(List.of(), store.series(DAY.plusDays(1), DAY.plusDays(9), null));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void dailyCheckTakesTodayOnceInEveryModeAndNothingWithoutPlaces(TestDatabase db) {
        RateSnapshots store = new RateSnapshots(db.jdbc());
        Clock clock = Clock.fixed(DAY.atTime(23, 59).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        List<CameraView> cameras = List.of(new CameraView("cam-1", 23.0201, 113.7501, 0, 360, 100, true, "east"));
        DailyRateSnapshots none = new DailyRateSnapshots(store, mode -> CoverageEngine.compute(List.of(), cameras,
                mode, id -> false).snapshot(), clock);
        assertEquals(0, none.takeIfMissing(), "no places: nothing to prove, nothing stored");

        DailyRateSnapshots daily = new DailyRateSnapshots(store, mode -> CoverageEngine.compute(
                List.of(ReportBuilderTest.square("p1", "east", "park", 113.75)), cameras, mode, id -> false).snapshot(),
                clock);
        assertEquals(2, daily.takeIfMissing());
        assertEquals(0, daily.takeIfMissing(), "idempotent per day");
        assertEquals(List.of(new RatePoint(DAY, "designed", 1, 1, 1.0), new RatePoint(DAY, "live", 0, 1, 0.0)),
                store.series(DAY, DAY, null));
        assertEquals(List.of(new RatePoint(DAY, "designed", 1, 1, 1.0), new RatePoint(DAY, "live", 0, 1, 0.0)),
                store.series(DAY, DAY, "east"));
    }
}
