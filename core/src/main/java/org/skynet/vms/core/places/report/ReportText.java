package org.skynet.vms.core.places.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;

/** The wording shared by the HTML and PDF renderings, so both say exactly the same. */
final class ReportText {
    static final String TITLE = "Coverage audit report";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ReportText() {
    }

    /** 0.8966 → "89.66 %". */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    /** "17931 of 20000 places covered (89.66 %)". */
    static String rate(Rate r) {
        return r.placesCovered() + " of " + r.placesTotal() + " places covered (" + percent(r.rate()) + ")";
    }

    /** A district or category name; places without one are grouped under "(none)". */
    static String name(String districtOrCategory) {
        return districtOrCategory.isEmpty() ? "(none)" : districtOrCategory;
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String mode(String wireName) {
        return "live".equals(wireName) ? "live (cameras ONLINE now)" : "designed (every enabled camera)";
    }

    /** "cam-7 OFFLINE: 62.50 % of the gap, coverage 97.40 % if restored". */
    static String camera(RestoringCamera c) {
        return c.cameraId() + " " + c.state() + ": " + percent(c.gapShare()) + " of the gap, coverage "
                + percent(c.coverageIfRestored()) + " if restored";
    }

    static String signature(Signature s) {
        return "Signed off by " + s.signedBy() + " at " + time(s.signedAt()) + " (report " + s.id() + ")";
    }

    static String area(double squareMetres) {
        return String.format(Locale.ROOT, "%.1f m²", squareMetres);
    }
}
