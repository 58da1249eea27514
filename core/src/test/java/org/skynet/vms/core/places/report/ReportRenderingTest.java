package org.skynet.vms.core.places.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** HTML escapes every name and links its print stylesheet; the PDF parses back with the same figures. */
class ReportRenderingTest {
    private final Signature signature = new Signature(7, "supervisor", Instant.parse("2026-11-26T09:00:00Z"),
            ReportCsv.sha256(ReportFixtures.report()), "checked <all>");

    @Test
    void htmlIsEscapedStandaloneAndShowsTheSignature() {
        String html = ReportHtml.write(ReportFixtures.report(), signature);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"" + ReportHtml.STYLESHEET + "\">"));
        assertFalse(html.contains("<script"), "no script: the CSP would block it and a report needs none");
        assertFalse(html.contains("<b>"), "names are text, not markup");
        assertTrue(html.contains("Market &lt;b&gt;"));
        assertTrue(html.contains("East, &quot;Old&quot; town"));
        assertTrue(html.contains("2 of 3 places covered (66.67 %)"));
        assertTrue(html.contains("cam-7 OFFLINE: 75.00 % of the gap, coverage 81.25 % if restored"));
        assertTrue(html.contains("Signed off by supervisor at 2026-11-26 09:00:00 UTC (report 7)"));
        assertTrue(html.contains("checked &lt;all&gt;"));
        assertTrue(ReportHtml.write(ReportFixtures.report(), null).contains("Not signed off."));
    }

    @Test
    void pdfParsesBackWithTheFigures() throws IOException {
        byte[] pdf = ReportPdf.write(ReportFixtures.report(), signature);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("City rate: 2 of 3 places covered (66.67 %)"), text);
            assertTrue(text.contains("Mode: live"), text);
            assertTrue(text.contains("cam-7 OFFLINE: 75.00 % of the gap"), text);
            assertTrue(text.contains("Signed off by supervisor"), text);
            assertTrue(text.contains("gap 1234.6" + System.lineSeparator() + "m²"), "the long line wraps at a space: " + text);
            assertTrue(text.contains("??: 1 of 1 places covered"), "characters outside WinAnsi print as ?: " + text);
        }
    }

    @Test
    void longReportsFlowOverPages() throws IOException {
        CoverageReport base = ReportFixtures.report();
        List<CoverageReport.Shortfall> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(base.shortfalls().get(0));
        }
        CoverageReport big = new CoverageReport(base.generatedAt(), base.mode(), base.city(), base.districts(),
                base.categories(), many);
        try (PDDocument doc = Loader.loadPDF(ReportPdf.write(big, null))) {
            assertTrue(doc.getNumberOfPages() > 5, "pages: " + doc.getNumberOfPages());
            assertTrue(new PDFTextStripper().getText(doc).contains("Not signed off."));
        }
    }
}
