package org.skynet.vms.core.places.report;

import java.util.List;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.RestoringCamera;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/** A report as a PDF document (A4, the same wording as {@link ReportHtml}). */
public final class ReportPdf {
    private ReportPdf() {
    }

    /** The PDF bytes; {@code signature} is null for a report that is not signed. */
    public static byte[] write(CoverageReport report, Signature signature) {
        try (PdfWriter pdf = new PdfWriter()) {
            pdf.heading(ReportText.TITLE, 18);
            pdf.space(4);
            pdf.text("Generated: " + ReportText.time(report.generatedAt()), 10, 0);
            pdf.text("Mode: " + ReportText.mode(report.mode()), 10, 0);
            pdf.text("City rate: " + ReportText.rate(report.city()), 10, 0);
            pdf.text("Places below requirement: " + report.shortfalls().size(), 10, 0);
            pdf.space(4);
            if (signature == null) {
                pdf.text("Not signed off.", 10, 0);
            } else {
                pdf.text(ReportText.signature(signature) + ".", 10, 0);
                pdf.text("CSV SHA-256: " + signature.csvSha256(), 8, 0);
                if (signature.note() != null) {
                    pdf.text("Note: " + signature.note(), 10, 0);
                }
            }
            rates(pdf, "Per district", report.districts());
            rates(pdf, "Per category", report.categories());
            pdf.heading("Places below their requirement", 13);
            if (report.shortfalls().isEmpty()) {
                pdf.text("Every place meets its requirement.", 10, 0);
            }
            for (Shortfall s : report.shortfalls()) {
                pdf.space(3);
                pdf.text(s.name() + " (" + s.placeId() + "), " + s.district() + ", " + s.category() + ": coverage "
                        + ReportText.percent(s.coverage()) + " of " + ReportText.percent(s.required()) + " required, gap "
                        + ReportText.area(s.gapSquareMetres()), 10, 0);
                if (s.restoringCameras().isEmpty()) {
                    pdf.text("No camera would restore it: a camera must be added or turned.", 9, 16);
                }
                int rank = 1;
                for (RestoringCamera c : s.restoringCameras()) {
                    pdf.text(rank++ + ". " + ReportText.camera(c), 9, 16);
                }
            }
            return pdf.toBytes();
        }
    }

    private static void rates(PdfWriter pdf, String title, List<Rate> rates) {
        pdf.heading(title, 13);
        for (Rate r : rates) {
            pdf.text(ReportText.name(r.name()) + ": " + ReportText.rate(r), 10, 0);
        }
    }
}
