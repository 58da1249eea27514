package org.skynet.vms.core.places.report;

import java.util.List;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/**
 * A report as one standalone, printable HTML page. The page has no script and no inline style (the server's
 * Content-Security-Policy forbids both); its look, screen and print, comes from the console's
 * {@value #STYLESHEET}, which keeps table headers on every printed page and rows unbroken.
 */
public final class ReportHtml {
    /** The stylesheet the page links, served with the console. */
    public static final String STYLESHEET = "/css/coverage-report-print.css";

    private ReportHtml() {
    }

    /** The page; {@code signature} is null for a report that is not signed. */
    public static String write(CoverageReport report, Signature signature) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(ReportText.TITLE).append(" — ").append(esc(ReportText.time(report.generatedAt())))
                .append("</title>\n<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">\n</head>\n")
                .append("<body class=\"coverage-report\">\n<header>\n<h1>").append(ReportText.TITLE).append("</h1>\n<dl>\n");
        item(h, "Generated", ReportText.time(report.generatedAt()), "report-generated");
        item(h, "Mode", ReportText.mode(report.mode()), "report-mode");
        item(h, "City rate", ReportText.rate(report.city()), "report-city-rate");
        item(h, "Places below requirement", Integer.toString(report.shortfalls().size()), "report-shortfall-count");
        h.append("</dl>\n");
        if (signature == null) {
            h.append("<p class=\"unsigned\" data-testid=\"report-signature\">Not signed off.</p>\n");
        } else {
            h.append("<p class=\"signed\" data-testid=\"report-signature\">").append(esc(ReportText.signature(signature)))
                    .append(". CSV SHA-256: <code>").append(esc(signature.csvSha256())).append("</code>");
            if (signature.note() != null) {
                h.append("<br>Note: ").append(esc(signature.note()));
            }
            h.append("</p>\n");
        }
        h.append("</header>\n");
        rates(h, "Per district", "District", report.districts(), "report-districts");
        rates(h, "Per category", "Category", report.categories(), "report-categories");
        shortfalls(h, report.shortfalls());
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, String term, String value, String testId) {
        h.append("<dt>").append(esc(term)).append("</dt><dd data-testid=\"").append(testId).append("\">")
                .append(esc(value)).append("</dd>\n");
    }

    private static void rates(StringBuilder h, String title, String column, List<Rate> rates, String testId) {
        h.append("<section>\n<h2>").append(title).append("</h2>\n<table data-testid=\"").append(testId)
                .append("\">\n<thead><tr><th scope=\"col\">").append(column).append("</th><th scope=\"col\" class=\"num\">")
                .append("Covered</th><th scope=\"col\" class=\"num\">Places</th><th scope=\"col\" class=\"num\">Rate")
                .append("</th></tr></thead>\n<tbody>\n");
        for (Rate r : rates) {
            h.append("<tr><th scope=\"row\">").append(esc(ReportText.name(r.name()))).append("</th><td class=\"num\">")
                    .append(r.placesCovered()).append("</td><td class=\"num\">").append(r.placesTotal())
                    .append("</td><td class=\"num\">").append(esc(ReportText.percent(r.rate()))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void shortfalls(StringBuilder h, List<Shortfall> shortfalls) {
        h.append("<section>\n<h2>Places below their requirement</h2>\n");
        if (shortfalls.isEmpty()) {
            h.append("<p data-testid=\"report-no-shortfalls\">Every place meets its requirement.</p>\n</section>\n");
            return;
        }
        h.append("<table data-testid=\"report-shortfalls\">\n<thead><tr><th scope=\"col\">Place</th>")
                .append("<th scope=\"col\">District</th><th scope=\"col\">Category</th>")
                .append("<th scope=\"col\" class=\"num\">Coverage</th><th scope=\"col\" class=\"num\">Required</th>")
                .append("<th scope=\"col\" class=\"num\">Gap</th><th scope=\"col\">Cameras that would restore it</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (Shortfall s : shortfalls) {
            h.append("<tr data-place-id=\"").append(esc(s.placeId())).append("\"><th scope=\"row\">")
                    .append(esc(s.name())).append(" <span class=\"id\">").append(esc(s.placeId())).append("</span></th><td>")
                    .append(esc(s.district())).append("</td><td>").append(esc(s.category())).append("</td><td class=\"num\">")
                    .append(esc(ReportText.percent(s.coverage()))).append("</td><td class=\"num\">")
                    .append(esc(ReportText.percent(s.required()))).append("</td><td class=\"num\">")
                    .append(esc(ReportText.area(s.gapSquareMetres()))).append("</td><td>");
            if (s.restoringCameras().isEmpty()) {
                h.append("<span class=\"none\">none: a camera must be added or turned</span>");
            } else {
                h.append("<ol>");
                for (RestoringCamera c : s.restoringCameras()) {
                    h.append("<li>").append(esc(ReportText.camera(c))).append("</li>");
                }
                h.append("</ol>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    /** Escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
