package org.skynet.vms.core.places.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;
import org.skynet.vms.core.registry.CameraCsv;

/**
 * A report as one flat CSV table (RFC 4180, UTF-8 without BOM, CRLF line ends, header first): every row carries
 * {@code record}, {@code generated_at} and {@code mode}, then the columns of its kind:
 * <ul>
 * <li>{@code rate}: {@code scope} (city, district or category), {@code key} (the district or category),
 *     {@code places_covered}, {@code places_total}, {@code rate};</li>
 * <li>{@code place} (a place below its requirement): {@code key} (place id), {@code name}, {@code district},
 *     {@code category}, {@code required_coverage}, {@code coverage}, {@code gap_m2};</li>
 * <li>{@code camera} (a camera that would restore the place of the row above): {@code key} (place id),
 *     {@code camera_id}, {@code camera_state}, {@code camera_gap_m2}, {@code gap_share},
 *     {@code coverage_if_restored}.</li>
 * </ul>
 * Fractions have six decimals, areas one. A text field that a spreadsheet would run as a formula (first character
 * {@code = + - @}, tab or CR) gets a leading apostrophe. The same report always gives the same bytes, so
 * {@link #sha256} fingerprints the figures of a signed report.
 */
public final class ReportCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("record", "generated_at", "mode", "scope", "key", "name",
            "district", "category", "places_covered", "places_total", "rate", "required_coverage", "coverage",
            "gap_m2", "camera_id", "camera_state", "camera_gap_m2", "gap_share", "coverage_if_restored");

    private ReportCsv() {
    }

    /** The CSV text. */
    public static String write(CoverageReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", COLUMNS)).append("\r\n");
        rate(report, "city", report.city(), out);
        report.districts().forEach(r -> rate(report, "district", r, out));
        report.categories().forEach(r -> rate(report, "category", r, out));
        for (Shortfall s : report.shortfalls()) {
            Map<String, String> place = row(report, "place");
            place.put("key", s.placeId());
            place.put("name", s.name());
            place.put("district", s.district());
            place.put("category", s.category());
            place.put("required_coverage", fraction(s.required()));
            place.put("coverage", fraction(s.coverage()));
            place.put("gap_m2", area(s.gapSquareMetres()));
            line(place, out);
            for (RestoringCamera c : s.restoringCameras()) {
                Map<String, String> camera = row(report, "camera");
                camera.put("key", s.placeId());
                camera.put("camera_id", c.cameraId());
                camera.put("camera_state", c.state());
                camera.put("camera_gap_m2", area(c.gapSquareMetres()));
                camera.put("gap_share", fraction(c.gapShare()));
                camera.put("coverage_if_restored", fraction(c.coverageIfRestored()));
                line(camera, out);
            }
        }
        return out.toString();
    }

    /** The CSV as UTF-8 bytes. */
    public static byte[] bytes(CoverageReport report) {
        return write(report).getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #bytes}, lower-case hex. */
    public static String sha256(CoverageReport report) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(report)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One field: formula-guarded, then quoted where RFC 4180 needs it. */
    static void field(String value, StringBuilder out) {
        String s = value == null ? "" : value;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        CameraCsv.quote(s, out);
    }

    static String fraction(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String area(double squareMetres) {
        return String.format(Locale.ROOT, "%.1f", squareMetres);
    }

    private static void rate(CoverageReport report, String scope, Rate r, StringBuilder out) {
        Map<String, String> row = row(report, "rate");
        row.put("scope", scope);
        row.put("key", r.name());
        row.put("places_covered", Integer.toString(r.placesCovered()));
        row.put("places_total", Integer.toString(r.placesTotal()));
        row.put("rate", fraction(r.rate()));
        line(row, out);
    }

    private static Map<String, String> row(CoverageReport report, String record) {
        Map<String, String> row = new HashMap<>();
        row.put("record", record);
        row.put("generated_at", report.generatedAt().toString());
        row.put("mode", report.mode());
        return row;
    }

    private static void line(Map<String, String> row, StringBuilder out) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(row.get(COLUMNS.get(i)), out);
        }
        out.append("\r\n");
    }
}
