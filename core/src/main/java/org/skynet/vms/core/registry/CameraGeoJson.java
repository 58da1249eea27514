package org.skynet.vms.core.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cameras as a GeoJSON (RFC 7946) FeatureCollection of Point features: {@code coordinates} are
 * {@code [lon, lat]}; properties use the CSV column names ({@code id, name, district, bearing, fov, range,
 * rtsp_url, onvif_url, username, password, tags, enabled}); {@code tags} is an array of strings (a
 * {@code ;}-joined string is accepted too). Problems are reported with the 0-based feature index as line.
 * Read as a stream, one feature tree at a time, so large files stay small in memory.
 */
public final class CameraGeoJson {
    private final ObjectMapper mapper;

    /** @param mapper the API's Jackson configuration (its stream limits apply) */
    public CameraGeoJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads a whole document; never throws for bad content, which is reported in the batch. */
    public ImportBatch read(byte[] json) {
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        int index = 0;
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problems.add(new ImportProblem(0, null, "expected a GeoJSON FeatureCollection object"));
                return new ImportBatch(rows, problems);
            }
            boolean sawFeatures = false;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("type") && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (name.equals("features") && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode feature = mapper.readTree(p);
                        rows.addAll(feature(index++, feature, problems));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (type != null && !type.equals("FeatureCollection")) {
                problems.add(new ImportProblem(0, "type", "type must be FeatureCollection, got " + clip(type)));
            } else if (!sawFeatures) {
                problems.add(new ImportProblem(0, "features", "a FeatureCollection needs a features array"));
            }
        } catch (JsonProcessingException e) {
            problems.add(new ImportProblem(index, null, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr())));
        } catch (IOException e) {
            problems.add(new ImportProblem(index, null, "unreadable JSON: " + e.getMessage()));
        }
        return new ImportBatch(rows, problems);
    }

    private static List<ImportRow> feature(int index, JsonNode f, List<ImportProblem> problems) {
        if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
            problems.add(new ImportProblem(index, "type", "each element of features must be a Feature"));
            return List.of();
        }
        Map<CameraField, String> values = new EnumMap<>(CameraField.class);
        JsonNode geometry = f.path("geometry");
        JsonNode coords = geometry.path("coordinates");
        if (!"Point".equals(geometry.path("type").asText()) || !coords.isArray() || coords.size() < 2
                || !coords.get(0).isNumber() || !coords.get(1).isNumber()) {
            problems.add(new ImportProblem(index, "geometry", "geometry must be a Point with coordinates [lon, lat]"));
            return List.of();
        }
        values.put(CameraField.LON, coords.get(0).asText());
        values.put(CameraField.LAT, coords.get(1).asText());
        JsonNode props = f.path("properties");
        if (!props.isObject()) {
            problems.add(new ImportProblem(index, "properties", "a feature needs a properties object"));
            return List.of();
        }
        int before = problems.size();
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            CameraField field = CameraField.ofColumn(e.getKey());
            if (field == null || field == CameraField.LAT || field == CameraField.LON) {
                problems.add(new ImportProblem(index, e.getKey(), field == null
                        ? "unknown property '" + clip(e.getKey()) + "'"
                        : "lat and lon come from geometry.coordinates, not from properties"));
                continue;
            }
            String text = text(field, e.getValue());
            if (text == null) {
                problems.add(new ImportProblem(index, field.column(), field.column()
                        + (field == CameraField.TAGS ? " must be an array of strings" : " must be a string, number or boolean")));
            } else {
                values.put(field, text);
            }
        }
        ImportRow row = CameraColumns.toRow(index, values, problems);
        return List.of(problems.size() == before ? row : new ImportRow(index, row.draft(), ImportRow.Check.INVALID));
    }

    private static String text(CameraField field, JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (field == CameraField.TAGS && v.isArray()) {
            List<String> tags = new ArrayList<>();
            for (JsonNode t : v) {
                if (!t.isTextual()) {
                    return null;
                }
                tags.add(t.textValue());
            }
            return String.join(CameraColumns.TAG_SEPARATOR, tags);
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        return v.isValueNode() ? v.asText() : null;
    }

    /** Writes a FeatureCollection of the cameras; no credentials are written. */
    public void write(Iterable<Camera> cameras, OutputStream out) throws IOException {
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeArrayFieldStart("features");
            for (Camera c : cameras) {
                writeFeature(c, g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void writeFeature(Camera c, JsonGenerator g) throws IOException {
        Placement p = c.placement();
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Point");
        g.writeArrayFieldStart("coordinates");
        g.writeNumber(BigDecimal.valueOf(p.lon()));
        g.writeNumber(BigDecimal.valueOf(p.lat()));
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("id", c.id());
        g.writeStringField("name", c.name());
        g.writeStringField("district", c.district());
        g.writeNumberField("bearing", BigDecimal.valueOf(p.bearingDegrees()));
        g.writeNumberField("fov", BigDecimal.valueOf(p.fovDegrees()));
        g.writeNumberField("range", BigDecimal.valueOf(p.rangeMeters()));
        g.writeStringField("rtsp_url", c.rtspUrl());
        g.writeStringField("onvif_url", c.onvifUrl());
        g.writeArrayFieldStart("tags");
        for (String t : c.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeBooleanField("enabled", c.enabled());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
