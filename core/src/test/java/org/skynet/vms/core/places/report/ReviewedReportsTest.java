package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.users.ManualClock;

/** A shown report can be found by its CSV hash until it expires or is pushed out by newer ones. */
class ReviewedReportsTest {
    private final ManualClock clock = new ManualClock(ReportBuilderTest.NOW);
    private final ReviewedReports reviewed = new ReviewedReports(2, Duration.ofMinutes(30), clock);

    @Test
    void findsWhatWasShownUntilItExpires() {
        CoverageReport report = ReportFixtures.report();
        String sha = reviewed.shown(report);
        assertEquals(ReportCsv.sha256(report), sha);
        assertEquals(Optional.of(report), reviewed.find(sha));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Optional.of(report), reviewed.find(sha), "30 minutes is still in time");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(reviewed.find(sha).isEmpty());
        assertTrue(reviewed.find("0".repeat(64)).isEmpty());
    }

    @Test
    void keepsOnlyTheMostRecentlyUsed() {
        List<String> shas = List.of(reviewed.shown(report(1)), reviewed.shown(report(2)));
        assertTrue(reviewed.find(shas.get(0)).isPresent(), "touching the first makes the second the eldest");
        reviewed.shown(report(3));
        assertTrue(reviewed.find(shas.get(0)).isPresent());
        assertTrue(reviewed.find(shas.get(1)).isEmpty());
    }

    private static CoverageReport report(int covered) {
        CoverageReport r = ReportFixtures.report();
        return new CoverageReport(r.generatedAt(), r.mode(), new CoverageReport.Rate("", covered, 3, covered / 3.0),
                r.districts(), r.categories(), r.shortfalls());
    }
}
