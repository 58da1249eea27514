package org.skynet.vms.core.places.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Flowing text on A4 pages with PDFBox: lines wrapped to the page width, a new page when one is full, a page
 * number at the foot of each. Uses the standard Helvetica fonts (nothing embedded), which encode WinAnsi only:
 * any other character is printed as {@code ?} (the HTML and CSV keep it). Not thread-safe; one document per instance.
 */
final class PdfWriter implements AutoCloseable {
    private static final float MARGIN = 50;
    private static final float LEADING = 1.35f;

    private final PDDocument doc = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    /** Glyph widths (1/1000 em) and encodability per font and character: measuring through PDFBox is slow. */
    private final Map<PDType1Font, Map<Integer, Float>> widths = new HashMap<>();
    private PDPageContentStream content;
    private float y;
    private int pages;

    /** A paragraph in the regular font; {@code indent} in points from the left margin. */
    void text(String s, float size, float indent) {
        paragraph(s, regular, size, indent);
    }

    /** A heading: bold, with some space above. */
    void heading(String s, float size) {
        space(size * 0.6f);
        paragraph(s, bold, size, 0);
    }

    /** Vertical space in points (ignored at the top of a page). */
    void space(float points) {
        if (content != null) {
            y -= points;
        }
    }

    /** The finished document. */
    byte[] toBytes() {
        try {
            endPage();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    @Override
    public void close() {
        try {
            endPage();
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the PDF", e);
        }
    }

    private void paragraph(String s, PDType1Font font, float size, float indent) {
        String text = encodable(font, s);
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN - indent;
        int start = 0;
        while (start < text.length()) {
            int end = fit(font, size, text, start, width);
            line(text.substring(start, end).stripTrailing(), font, size, indent);
            start = end;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
        }
    }

    /**
     * The end of the longest run from {@code start} that fits, broken after a space where possible. Widths add up
     * glyph by glyph (the standard fonts are set without kerning), so this is linear in the run's length.
     */
    private int fit(PDType1Font font, float size, String text, int start, float width) {
        int end = start;
        int lastSpace = -1;
        float used = 0;
        while (end < text.length()) {
            used += glyphWidth(font, text.charAt(end)) / 1000 * size;
            if (used > width) {
                break;
            }
            if (text.charAt(end) == ' ') {
                lastSpace = end;
            }
            end++;
        }
        if (end == text.length()) {
            return end;
        }
        if (end == start) {
            return start + 1; // a single glyph wider than the page: print it anyway
        }
        return lastSpace > start ? lastSpace + 1 : end;
    }

    private void line(String s, PDType1Font font, float size, float indent) {
        try {
            if (content == null || y - size * LEADING < MARGIN + 20) {
                newPage();
            }
            y -= size * LEADING;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN + indent, y);
            content.showText(s);
            content.endText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the PDF", e);
        }
    }

    private void newPage() throws IOException {
        endPage();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages++;
        content = new PDPageContentStream(doc, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
        content.beginText();
        content.setFont(regular, 8);
        content.newLineAtOffset(MARGIN, MARGIN - 10);
        content.showText(ReportText.TITLE + " - page " + pages);
        content.endText();
    }

    private void endPage() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    /** Width of one character in 1/1000 em, or -1 if the font cannot encode it. */
    private float glyphWidth(PDType1Font font, int codePoint) {
        return widths.computeIfAbsent(font, f -> new HashMap<>()).computeIfAbsent(codePoint, cp -> {
            try {
                return font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IllegalArgumentException | IOException e) {
                return -1f;
            }
        });
    }

    /** The text with every character the font cannot encode replaced by {@code ?}. */
    private String encodable(PDType1Font font, String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (glyphWidth(font, cp) < 0) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
