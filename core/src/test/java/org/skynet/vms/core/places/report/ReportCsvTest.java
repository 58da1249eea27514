package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV's columns, RFC 4180 quoting, the formula guard and a hash that follows the figures only. */
class ReportCsvTest {
    @Test
    void rowsFollowTheDocumentedColumns() {
        String[] lines = ReportCsv.write(ReportFixtures.report()).split("\r\n", -1);
        assertEquals(String.join(",", ReportCsv.COLUMNS), lines[0]);
        assertEquals("rate,2026-11-26T08:00:00Z,live,city,,,,,2,3,0.666667,,,,,,,,", lines[1]);
        assertEquals("rate,2026-11-26T08:00:00Z,live,district,\"East, \"\"Old\"\" town\",,,,1,2,0.500000,,,,,,,,",
                lines[2]);
        assertEquals("rate,2026-11-26T08:00:00Z,live,district,南城,,,,1,1,1.000000,,,,,,,,", lines[3]);
        assertEquals("rate,2026-11-26T08:00:00Z,live,category,park,,,,2,3,0.666667,,,,,,,,", lines[4]);
        assertEquals("place,2026-11-26T08:00:00Z,live,,p2,\"'=HYPERLINK(\"\"x\"\")\nMarket <b>\",\"East, \"\"Old\"\" town\","
                + "park,,,,0.950000,0.250000,1234.6,,,,,", lines[5], "a bare LF inside a quoted field stays in its record");
        assertEquals("camera,2026-11-26T08:00:00Z,live,,p2,,,,,,,,,,cam-7,OFFLINE,925.9,0.750000,0.812500", lines[6]);
        assertEquals("camera,2026-11-26T08:00:00Z,live,,p2,,,,,,,,,,cam-9,DISABLED,100.0,0.081000,0.310000", lines[7]);
        assertEquals("", lines[8], "the last record ends with CRLF");
        assertEquals(9, lines.length);
    }

    @Test
    void fieldsAreQuotedOnlyWhereNeededAndFormulasDisarmed() {
        for (List<String> c : List.of(List.of("plain", "plain"), List.of("a,b", "\"a,b\""),
                List.of("say \"hi\"", "\"say \"\"hi\"\"\""), List.of("two\r\nlines", "\"two\r\nlines\""),
                List.of("=1+2", "'=1+2"), List.of("+1", "'+1"), List.of("-1", "'-1"), List.of("@SUM(A1)", "'@SUM(A1)"),
                List.of("=a,b", "\"'=a,b\""), List.of("", ""), List.of("Zürich 南城", "Zürich 南城"))) {
            StringBuilder out = new StringBuilder();
            ReportCsv.field(c.get(0), out);
            assertEquals(c.get(1), out.toString(), c.get(0));
        }
    }

    @Test
    void hashIsStableAndFollowsTheFigures() {
        CoverageReport r = ReportFixtures.report();
        assertEquals(ReportCsv.sha256(r), ReportCsv.sha256(ReportFixtures.report()));
        assertEquals(64, ReportCsv.sha256(r).length());
        CoverageReport changed = new CoverageReport(r.generatedAt(), r.mode(), new CoverageReport.Rate("", 3, 3, 1.0),
                r.districts(), r.categories(), r.shortfalls());
        assertNotEquals(ReportCsv.sha256(r), ReportCsv.sha256(changed));
    }
}
