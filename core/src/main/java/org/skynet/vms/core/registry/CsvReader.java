package org.skynet.vms.core.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 CSV reader over text already in memory: comma separators, fields optionally in double
 * quotes with {@code ""} for a quote and line breaks allowed inside quotes, records ended by CRLF, LF
 * or CR, a UTF-8 byte-order mark ignored. Blank lines are skipped. Bad syntax is reported per record
 * (and the reader goes on with the next line), so that an import lists every problem.
 */
final class CsvReader {
    /** Longest field, in characters. */
    static final int MAX_FIELD = 10_000;
    /** Most fields in one record. */
    static final int MAX_FIELDS = 64;

    /** One record and the physical line (1-based) it starts on; {@code error} is null when well formed. */
    record Record(int line, List<String> fields, String error) {
    }

    private final String text;
    private int pos;
    private int line = 1;

    CsvReader(String text) {
        this.text = text;
        this.pos = text.startsWith("\uFEFF") ? 1 : 0;
    }

    /** The next record, or null at the end of the text. */
    Record next() {
        while (pos < text.length() && atLineBreak()) {
            skipLineBreak();
        }
        if (pos >= text.length()) {
            return null;
        }
        int startLine = line;
        List<String> fields = new ArrayList<>();
        String error = null;
        StringBuilder field = new StringBuilder();
        while (true) {
            field.setLength(0);
            String fieldError = pos < text.length() && text.charAt(pos) == '"' ? quoted(field) : plain(field);
            if (error == null) {
                error = fieldError;
            }
            if (field.length() > MAX_FIELD && error == null) {
                error = "field " + (fields.size() + 1) + " is longer than " + MAX_FIELD + " characters";
            }
            if (fields.size() < MAX_FIELDS) {
                fields.add(field.toString());
            } else if (error == null) {
                error = "more than " + MAX_FIELDS + " fields";
            }
            if (fieldError != null) {
                skipToLineEnd();
            }
            if (pos >= text.length()) {
                break;
            }
            if (atLineBreak()) {
                skipLineBreak();
                break;
            }
            pos++; // the comma
        }
        return new Record(startLine, fields, error);
    }

    private String plain(StringBuilder out) {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == ',' || ch == '\r' || ch == '\n') {
                return null;
            }
            if (out.length() <= MAX_FIELD) {
                out.append(ch);
            }
            pos++;
        }
        return null;
    }

    private String quoted(StringBuilder out) {
        int openLine = line;
        pos++; // opening quote
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    out.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                if (pos < text.length() && text.charAt(pos) != ',' && !atLineBreak()) {
                    return "unexpected character after a closing quote (a quote inside a quoted field is written \"\")";
                }
                return null;
            }
            if (ch == '\n' || (ch == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) {
                line++;
            }
            if (out.length() <= MAX_FIELD) {
                out.append(ch);
            }
            pos++;
        }
        return "quote opened on line " + openLine + " is never closed";
    }

    private boolean atLineBreak() {
        char ch = text.charAt(pos);
        return ch == '\r' || ch == '\n';
    }

    private void skipLineBreak() {
        if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private void skipToLineEnd() {
        while (pos < text.length() && !atLineBreak()) {
            pos++;
        }
    }
}
