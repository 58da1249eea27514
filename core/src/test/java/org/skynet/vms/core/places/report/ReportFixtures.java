package org.skynet.vms.core.places.report;

import java.time.Instant;
import java.util.List;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/** A small hand-made report with names that need quoting and escaping. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static CoverageReport report() {
        return new CoverageReport(Instant.parse("2026-11-26T08:00:00Z"), "live", new Rate("", 2, 3, 2.0 / 3),
                List.of(new Rate("East, \"Old\" town", 1, 2, 0.5), new Rate("南城", 1, 1, 1.0)),
                List.of(new Rate("park", 2, 3, 2.0 / 3)),
                List.of(new Shortfall("p2", "=HYPERLINK(\"x\")\nMarket <b>", "East, \"Old\" town", "park", 0.95, 0.25,
                        1234.56, List.of(new RestoringCamera("cam-7", "OFFLINE", 925.92, 0.75, 0.8125),
                                new RestoringCamera("cam-9", "DISABLED", 100, 0.081, 0.31)))));
    }
}
