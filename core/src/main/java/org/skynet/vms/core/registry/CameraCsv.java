package org.skynet.vms.core.registry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cameras as CSV (RFC 4180, UTF-8, header row). Columns, by header name in any order:
 * {@code id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags,enabled};
 * the first eight are required, the rest optional. Tags are separated by {@code ;}, {@code enabled}
 * defaults to true. Unknown or repeated columns reject the file (a typo would silently lose data).
 */
public final class CameraCsv {
    private static final Set<CameraField> REQUIRED = Set.of(CameraField.ID, CameraField.NAME, CameraField.DISTRICT,
            CameraField.LAT, CameraField.LON, CameraField.BEARING, CameraField.FOV, CameraField.RANGE);

    private CameraCsv() {
    }

    /** Reads a whole file; never throws for bad content, which is reported in the batch. */
    public static ImportBatch read(byte[] utf8) {
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new ImportProblem(1, null, "the file is not UTF-8 text"));
            return new ImportBatch(rows, problems);
        }
        CsvReader reader = new CsvReader(text);
        CsvReader.Record header = reader.next();
        if (header == null) {
            problems.add(new ImportProblem(1, null, "the file is empty: a header row is required"));
            return new ImportBatch(rows, problems);
        }
        List<CameraField> columns = header(header, problems);
        if (!problems.isEmpty()) {
            return new ImportBatch(rows, problems);
        }
        for (CsvReader.Record r = reader.next(); r != null; r = reader.next()) {
            if (r.error() != null) {
                problems.add(new ImportProblem(r.line(), null, r.error()));
            } else if (r.fields().size() != columns.size()) {
                problems.add(new ImportProblem(r.line(), null, "has " + r.fields().size() + " fields, the header has "
                        + columns.size()));
            } else {
                Map<CameraField, String> values = new EnumMap<>(CameraField.class);
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), r.fields().get(i));
                }
                rows.add(CameraColumns.toRow(r.line(), values, problems));
            }
        }
        return new ImportBatch(rows, problems);
    }

    /** The CSV of some cameras, header first, CRLF line ends; username and password columns stay empty. */
    public static void write(Iterable<Camera> cameras, StringBuilder out) {
        List<String> names = new ArrayList<>();
        CameraColumns.ORDER.forEach(f -> names.add(f.column()));
        out.append(String.join(",", names)).append("\r\n");
        for (Camera c : cameras) {
            writeRow(c, out);
        }
    }

    /** One camera as a CSV record (no header). */
    public static void writeRow(Camera c, StringBuilder out) {
        Map<CameraField, String> texts = CameraColumns.toTexts(c);
        boolean first = true;
        for (CameraField f : CameraColumns.ORDER) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(texts.get(f), out);
        }
        out.append("\r\n");
    }

    /** Appends one RFC 4180 field, quoted only when it must be (comma, quote, line break, edge whitespace). */
    public static void quote(String s, StringBuilder out) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))));
        if (!needs) {
            out.append(s);
            return;
        }
        out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static List<CameraField> header(CsvReader.Record header, List<ImportProblem> problems) {
        List<CameraField> columns = new ArrayList<>();
        if (header.error() != null) {
            problems.add(new ImportProblem(header.line(), null, "header: " + header.error()));
            return columns;
        }
        Set<CameraField> seen = new HashSet<>();
        for (String raw : header.fields()) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            CameraField f = CameraField.ofColumn(name);
            if (f == null) {
                problems.add(new ImportProblem(header.line(), raw, "unknown column '" + raw + "'; known columns: "
                        + String.join(",", CameraColumns.ORDER.stream().map(CameraField::column).toList())));
            } else if (!seen.add(f)) {
                problems.add(new ImportProblem(header.line(), name, "column " + name + " appears twice"));
            }
            columns.add(f);
        }
        for (CameraField f : CameraColumns.ORDER) {
            if (REQUIRED.contains(f) && !seen.contains(f)) {
                problems.add(new ImportProblem(header.line(), f.column(), "required column " + f.column() + " is missing"));
            }
        }
        return columns;
    }
}
