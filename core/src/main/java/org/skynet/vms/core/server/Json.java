package org.skynet.vms.core.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;
import org.skynet.vms.errors.VmsException;

/**
 * The one Jackson configuration of the API: ISO-8601 instants, unknown fields rejected (a typo in a
 * request is an error, not silently ignored), bounded nesting and string sizes. Parse failures become
 * INVALID_ARGUMENT errors that name the field path and the line/column.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1_000_000)
                .maxNumberLength(100)
                .build());
    }

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    public static JsonNode parseTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw VmsException.invalid(null, "request body is empty: a JSON document is required");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    public static <T> T parse(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw VmsException.invalid(null, "request body is empty: a JSON document is required");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    private static VmsException malformed(IOException e) {
        String field = null;
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        String where = "";
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation loc = jpe.getLocation();
            where = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        }
        String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String message = (field != null ? "field '" + field + "': " : "malformed JSON: ") + firstLine(reason) + where;
        return VmsException.invalid(field, message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
