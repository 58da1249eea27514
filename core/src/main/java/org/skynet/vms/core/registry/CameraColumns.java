package org.skynet.vms.core.registry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Camera fields as text, the common ground of CSV and GeoJSON: parsing one record's texts into a
 * {@link CameraDraft} (number and boolean syntax problems are reported per column; range checks are
 * the draft's), and formatting a camera back into texts for export. Tags are joined with {@code ;}.
 */
final class CameraColumns {
    /** Separator of tags in one CSV field. */
    static final String TAG_SEPARATOR = ";";
    /** Export and template column order. */
    static final List<CameraField> ORDER = List.of(CameraField.ID, CameraField.NAME, CameraField.DISTRICT,
            CameraField.LAT, CameraField.LON, CameraField.BEARING, CameraField.FOV, CameraField.RANGE,
            CameraField.RTSP_URL, CameraField.ONVIF_URL, CameraField.USERNAME, CameraField.PASSWORD,
            CameraField.TAGS, CameraField.ENABLED);

    private CameraColumns() {
    }

    /**
     * A row from texts by field (missing or empty = not given). Every problem of the row goes to
     * {@code problems}, one per field at most (a number that does not parse is not also out of range).
     */
    static ImportRow toRow(int line, Map<CameraField, String> values, List<ImportProblem> problems) {
        List<ImportProblem> syntax = new ArrayList<>();
        CameraDraft d = toDraft(line, values, syntax);
        problems.addAll(syntax);
        Set<String> reported = new HashSet<>();
        syntax.forEach(p -> reported.add(p.column()));
        List<FieldProblem> invalid = d.problems();
        for (FieldProblem p : invalid) {
            if (!reported.contains(p.field().column())) {
                problems.add(new ImportProblem(line, p.field().column(), p.message()));
            }
        }
        return new ImportRow(line, d, syntax.isEmpty() && invalid.isEmpty() ? ImportRow.Check.VALID : ImportRow.Check.INVALID);
    }

    private static CameraDraft toDraft(int line, Map<CameraField, String> values, List<ImportProblem> problems) {
        CameraDraft d = new CameraDraft()
                .id(values.get(CameraField.ID))
                .name(values.get(CameraField.NAME))
                .district(values.get(CameraField.DISTRICT))
                .lat(number(line, CameraField.LAT, values, problems))
                .lon(number(line, CameraField.LON, values, problems))
                .bearing(number(line, CameraField.BEARING, values, problems))
                .fov(number(line, CameraField.FOV, values, problems))
                .range(number(line, CameraField.RANGE, values, problems))
                .rtspUrl(values.get(CameraField.RTSP_URL))
                .onvifUrl(values.get(CameraField.ONVIF_URL))
                .username(values.get(CameraField.USERNAME))
                .password(values.get(CameraField.PASSWORD))
                .tags(tags(values.get(CameraField.TAGS)));
        String enabled = values.get(CameraField.ENABLED);
        if (enabled != null && !enabled.isBlank()) {
            switch (enabled.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> d.enabled(true);
                case "false", "no", "0" -> d.enabled(false);
                default -> problems.add(new ImportProblem(line, CameraField.ENABLED.column(),
                        "enabled must be true or false, got '" + clip(enabled) + "'"));
            }
        }
        return d;
    }

    /** The export texts of a camera; username and password are always empty (no credentials leave the server). */
    static Map<CameraField, String> toTexts(Camera c) {
        Map<CameraField, String> m = new EnumMap<>(CameraField.class);
        Placement p = c.placement();
        m.put(CameraField.ID, c.id());
        m.put(CameraField.NAME, c.name());
        m.put(CameraField.DISTRICT, c.district());
        m.put(CameraField.LAT, format(p.lat()));
        m.put(CameraField.LON, format(p.lon()));
        m.put(CameraField.BEARING, format(p.bearingDegrees()));
        m.put(CameraField.FOV, format(p.fovDegrees()));
        m.put(CameraField.RANGE, format(p.rangeMeters()));
        m.put(CameraField.RTSP_URL, c.rtspUrl() == null ? "" : c.rtspUrl());
        m.put(CameraField.ONVIF_URL, c.onvifUrl() == null ? "" : c.onvifUrl());
        m.put(CameraField.USERNAME, "");
        m.put(CameraField.PASSWORD, "");
        m.put(CameraField.TAGS, String.join(TAG_SEPARATOR, c.tags()));
        m.put(CameraField.ENABLED, Boolean.toString(c.enabled()));
        return m;
    }

    /** A number without exponent or trailing zeros, so that files stay readable and round-trip exactly. */
    static String format(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static List<String> tags(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String t : text.split(TAG_SEPARATOR, -1)) {
            if (!t.isBlank()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Double number(int line, CameraField f, Map<CameraField, String> values, List<ImportProblem> problems) {
        String s = values.get(f);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            problems.add(new ImportProblem(line, f.column(), f.column() + " must be a number, got '" + clip(s) + "'"));
            return Double.NaN;
        }
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
