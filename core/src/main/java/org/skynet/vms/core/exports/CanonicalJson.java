package org.skynet.vms.core.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical bytes of a JSON value, the form a manifest is signed in: UTF-8, no whitespace, object
 * members sorted by name (Java {@link String#compareTo}, i.e. UTF-16 code units, as RFC 8785 sorts),
 * arrays in order, strings escaped as Jackson writes them. Manifests hold only strings, integers,
 * objects and arrays, so number formatting never comes into it. Stateless and thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /** The canonical bytes of {@code value}. */
    public static byte[] bytes(JsonNode value) {
        try {
            return MAPPER.writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            value.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(value.get(name)));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value;
    }
}
