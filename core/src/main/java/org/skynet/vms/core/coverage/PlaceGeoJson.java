package org.skynet.vms.core.coverage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.skynet.vms.errors.VmsException;

/**
 * Reads places from a GeoJSON FeatureCollection (RFC 7946): one Polygon or MultiPolygon feature per
 * place, with properties {@code id} (string or integer; the feature's own {@code id} is accepted when
 * the property is missing), {@code name}, {@code category}, {@code district} and
 * {@code requiredCoverage} (0..1, default configurable).
 *
 * <p>All or nothing: every feature is checked, and if any is bad the whole file is refused with one
 * {@link VmsException} (INVALID_ARGUMENT, field {@code places}) whose message lists every bad feature
 * by index, id and field. Input is bounded: file size, feature count, positions per feature and JSON
 * nesting. Thread-safe.
 */
public final class PlaceGeoJson {
    /** Default required coverage when a feature does not set it. */
    public static final double DEFAULT_REQUIRED_COVERAGE = 0.95;
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_FEATURES = 100_000;
    public static final int DEFAULT_MAX_POSITIONS_PER_FEATURE = 100_000;
    /** Ids are stored next to camera ids: same limit as the registry's 64 characters. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_TEXT_LENGTH = 200;

    private final double defaultRequiredCoverage;
    private final long maxBytes;
    private final int maxFeatures;
    private final int maxPositionsPerFeature;
    private final GeometryFactory factory;
    private final ObjectMapper mapper;

    public PlaceGeoJson(double defaultRequiredCoverage, long maxBytes, int maxFeatures, int maxPositionsPerFeature,
            GeometryFactory factory) {
        if (!(defaultRequiredCoverage >= 0 && defaultRequiredCoverage <= 1)) {
            throw VmsException.invalid("requiredCoverage", "default requiredCoverage must be in 0..1");
        }
        this.defaultRequiredCoverage = defaultRequiredCoverage;
        this.maxBytes = maxBytes;
        this.maxFeatures = maxFeatures;
        this.maxPositionsPerFeature = maxPositionsPerFeature;
        this.factory = factory;
        JsonFactory json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(64).build())
                .build();
        this.mapper = JsonMapper.builder(json).build();
    }

    public PlaceGeoJson() {
        this(DEFAULT_REQUIRED_COVERAGE, DEFAULT_MAX_BYTES, DEFAULT_MAX_FEATURES, DEFAULT_MAX_POSITIONS_PER_FEATURE,
                new GeometryFactory());
    }

    /** Reads a file; the file name is used in messages. */
    public List<Place> parse(Path file) {
        String source = String.valueOf(file.getFileName());
        try {
            if (Files.size(file) > maxBytes) {
                throw VmsException.invalid("places", source + ": larger than " + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(in, source);
            }
        } catch (IOException e) {
            throw VmsException.invalid("places", source + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads at most the size limit from a stream; {@code source} names it in messages. */
    public List<Place> parse(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw VmsException.invalid("places", source + ": larger than " + maxBytes + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // A broken stream limit (e.g. a number too long) comes without a location.
            JsonLocation at = e.getLocation();
            throw VmsException.invalid("places", source + ": not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        } catch (CharConversionException e) {
            // Jackson guesses UTF-16/32 from the first bytes and reports characters it cannot decode this way.
            throw VmsException.invalid("places", source + ": not UTF-8 JSON text: " + e.getMessage());
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText())
                || !root.path("features").isArray()) {
            throw VmsException.invalid("places", source + ": not a GeoJSON FeatureCollection with a features array");
        }
        JsonNode features = root.get("features");
        if (features.isEmpty()) {
            throw VmsException.invalid("places", source + ": the FeatureCollection has no features");
        }
        if (features.size() > maxFeatures) {
            throw VmsException.invalid("places", source + ": " + features.size() + " features, more than "
                    + maxFeatures);
        }
        List<Place> places = new ArrayList<>(features.size());
        List<String> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int badFeatures = 0;
        for (int i = 0; i < features.size(); i++) {
            FeatureReader reader = new FeatureReader(features.get(i), i);
            Place place = reader.read();
            if (reader.id != null) {
                Integer first = seen.putIfAbsent(reader.id, i);
                if (first != null) {
                    reader.problem("properties.id", "duplicate id, first used by feature #" + first);
                    place = null;
                }
            }
            if (reader.problems.isEmpty() && place != null) {
                places.add(place);
            }
            if (!reader.problems.isEmpty()) {
                badFeatures++;
                problems.addAll(reader.problems);
            }
        }
        if (!problems.isEmpty()) {
            throw VmsException.invalid("places", source + ": " + badFeatures + " bad feature(s) of "
                    + features.size() + ", nothing imported:\n  " + String.join("\n  ", problems));
        }
        return List.copyOf(places);
    }

    /** Reads one feature, collecting every problem instead of stopping at the first. */
    private final class FeatureReader {
        private final JsonNode feature;
        private final int index;
        private final List<String> problems = new ArrayList<>();
        private String id;
        private int positions;

        FeatureReader(JsonNode feature, int index) {
            this.feature = feature;
            this.index = index;
        }

        Place read() {
            if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
                problem("type", "not a GeoJSON Feature");
                return null;
            }
            JsonNode props = feature.path("properties");
            id = readId(props);
            String name = text(props, "name");
            String category = text(props, "category");
            String district = text(props, "district");
            double required = defaultRequiredCoverage;
            JsonNode req = props.get("requiredCoverage");
            if (req != null && !req.isNull()) {
                if (!req.isNumber() || !(req.asDouble() >= 0 && req.asDouble() <= 1)) {
                    problem("properties.requiredCoverage", "must be a number in 0..1, got " + abbreviate(req.toString()));
                } else {
                    required = req.asDouble();
                }
            }
            Geometry geometry = readGeometry(feature.path("geometry"));
            if (!problems.isEmpty()) {
                return null;
            }
            return new Place(id, name, category, district, required, geometry);
        }

        private String readId(JsonNode props) {
            JsonNode node = props.get("id");
            if (node == null || node.isNull()) {
                // Lenient on purpose: many GIS tools write the id on the feature, not in properties.
                node = feature.get("id");
            }
            if (node == null || node.isNull() || !(node.isTextual() || node.isIntegralNumber())
                    || node.asText().isBlank()) {
                problem("properties.id", "missing (a non-blank string or integer is required)");
                return null;
            }
            String value = node.asText().trim();
            if (value.length() > MAX_ID_LENGTH) {
                problem("properties.id", "longer than " + MAX_ID_LENGTH + " characters");
                return null;
            }
            return value;
        }

        private String text(JsonNode props, String field) {
            JsonNode node = props.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual() || node.asText().length() > MAX_TEXT_LENGTH) {
                problem("properties." + field, "must be a string of at most " + MAX_TEXT_LENGTH + " characters");
                return null;
            }
            return node.asText();
        }

        private Geometry readGeometry(JsonNode geometry) {
            String type = geometry.path("type").asText();
            JsonNode coordinates = geometry.path("coordinates");
            Geometry g;
            if ("Polygon".equals(type)) {
                g = polygon(coordinates, "geometry.coordinates");
            } else if ("MultiPolygon".equals(type)) {
                if (!coordinates.isArray() || coordinates.isEmpty()) {
                    problem("geometry.coordinates", "a MultiPolygon needs an array of polygons");
                    return null;
                }
                Polygon[] parts = new Polygon[coordinates.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = polygon(coordinates.get(i), "geometry.coordinates[" + i + "]");
                }
                g = problems.isEmpty() ? factory.createMultiPolygon(parts) : null;
            } else {
                problem("geometry.type", "must be Polygon or MultiPolygon, got '" + abbreviate(type) + "'");
                return null;
            }
            if (g == null || !problems.isEmpty()) {
                return null;
            }
            TopologyValidationError error = new IsValidOp(g).getValidationError();
            if (error != null) {
                Coordinate at = error.getCoordinate();
                problem("geometry", "invalid polygon: " + error.getMessage()
                        + (at == null ? "" : " at (" + at.x + " " + at.y + ")"));
                return null;
            }
            if (!(g.getArea() > 0)) {
                problem("geometry", "the polygon has no area");
                return null;
            }
            return g;
        }

        private Polygon polygon(JsonNode rings, String where) {
            if (!rings.isArray() || rings.isEmpty()) {
                problem(where, "a Polygon needs an array of linear rings");
                return null;
            }
            LinearRing[] parsed = new LinearRing[rings.size()];
            for (int i = 0; i < parsed.length; i++) {
                parsed[i] = ring(rings.get(i), where + "[" + i + "]");
                if (parsed[i] == null) {
                    return null;
                }
            }
            LinearRing[] holes = new LinearRing[parsed.length - 1];
            System.arraycopy(parsed, 1, holes, 0, holes.length);
            return factory.createPolygon(parsed[0], holes);
        }

        private LinearRing ring(JsonNode positionsNode, String where) {
            if (!positionsNode.isArray() || positionsNode.size() < 4) {
                problem(where, "a linear ring needs at least 4 positions");
                return null;
            }
            positions += positionsNode.size();
            if (positions > maxPositionsPerFeature) {
                problem(where, "more than " + maxPositionsPerFeature + " positions in this feature");
                return null;
            }
            Coordinate[] coords = new Coordinate[positionsNode.size()];
            for (int i = 0; i < coords.length; i++) {
                JsonNode pos = positionsNode.get(i);
                if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
                    problem(where + "[" + i + "]", "a position must be [longitude, latitude]");
                    return null;
                }
                double lon = pos.get(0).asDouble();
                double lat = pos.get(1).asDouble();
                if (!(Math.abs(lon) <= 180) || !(Math.abs(lat) < 90)) {
                    problem(where + "[" + i + "]", "position [" + lon + ", " + lat + "] is outside lon -180..180, lat -90..90");
                    return null;
                }
                coords[i] = new Coordinate(lon, lat);
            }
            if (!coords[0].equals2D(coords[coords.length - 1])) {
                problem(where, "the linear ring is not closed (first and last positions differ)");
                return null;
            }
            return factory.createLinearRing(coords);
        }

        void problem(String field, String message) {
            problems.add("feature #" + index + (id == null ? "" : " (id \"" + id + "\")") + ": " + field + ": " + message);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
