package org.skynet.vms.core.places;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Converts between GeoJSON FeatureCollections and stored places. Checking is {@link PlaceGeoJson}'s (all or
 * nothing, every bad feature listed); the stored geometry is the feature's geometry object as given, so
 * export and the engine's places read back exactly what was imported. Thread-safe.
 */
public final class PlaceFeatures {
    private final PlaceGeoJson parser;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    public PlaceFeatures(PlaceGeoJson parser) {
        this.parser = parser;
    }

    /** Checks an uploaded FeatureCollection; INVALID_ARGUMENT (field {@code places}) lists every bad feature. */
    public List<StoredPlace> read(byte[] featureCollection) {
        List<Place> places = parse(featureCollection, "upload");
        JsonNode features = tree(featureCollection).get("features");
        List<StoredPlace> out = new ArrayList<>(places.size());
        for (int i = 0; i < places.size(); i++) {
            Place p = places.get(i);
            out.add(new StoredPlace(p.id(), p.name(), p.category(), p.district(), p.requiredCoverage(),
                    features.get(i).get("geometry").toString(), null, null));
        }
        return out;
    }

    /** The places as a GeoJSON FeatureCollection (properties id, name, category, district, requiredCoverage). */
    public ObjectNode featureCollection(List<StoredPlace> places) {
        ObjectNode root = mapper.createObjectNode();
        root.put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        for (StoredPlace p : places) {
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", p.id());
            ObjectNode props = f.putObject("properties");
            props.put("id", p.id());
            props.put("name", p.name());
            props.put("category", p.category());
            props.put("district", p.district());
            props.put("requiredCoverage", p.requiredCoverage());
            f.set("geometry", tree(p.geometryJson().getBytes(StandardCharsets.UTF_8)));
        }
        return root;
    }

    /** The stored places as the coverage engine takes them. */
    public List<Place> places(List<StoredPlace> stored) {
        if (stored.isEmpty()) {
            return List.of();
        }
        try {
            return parse(mapper.writeValueAsBytes(featureCollection(stored)), "places table");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Place> parse(byte[] bytes, String source) {
        try {
            return parser.parse(new ByteArrayInputStream(bytes), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(byte[] json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "stored place geometry is not JSON: " + e.getMessage(), e);
        }
    }
}
