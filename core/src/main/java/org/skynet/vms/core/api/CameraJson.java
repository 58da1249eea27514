package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraField;
import org.skynet.vms.errors.VmsException;

/**
 * Applies a JSON object of camera fields (the body of {@code POST} or {@code PATCH /api/cameras}) to a
 * draft: present fields replace, absent fields stay, {@code null} clears. Types are strict (a number is
 * a JSON number); unknown and read-only fields are INVALID_ARGUMENT naming the field. Setting
 * {@code username} to null also removes the stored password.
 */
final class CameraJson {
    private static final Set<String> READ_ONLY = Set.of("hasCredentials", "createdAt", "updatedAt");

    private CameraJson() {
    }

    static void apply(JsonNode body, CameraDraft d) {
        if (body == null || !body.isObject()) {
            throw VmsException.invalid(null, "the body must be a JSON object of camera fields");
        }
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (READ_ONLY.contains(name)) {
                throw VmsException.invalid(name, name + " is read-only");
            }
            CameraField f = CameraField.ofJsonName(name);
            if (f == null) {
                throw VmsException.invalid(name, "unknown field '" + clip(name) + "'");
            }
            switch (f) {
                case ID -> d.id(text(f, v));
                case NAME -> d.name(text(f, v));
                case DISTRICT -> d.district(text(f, v));
                case LAT -> d.lat(number(f, v));
                case LON -> d.lon(number(f, v));
                case BEARING -> d.bearing(number(f, v));
                case FOV -> d.fov(number(f, v));
                case RANGE -> d.range(number(f, v));
                case RTSP_URL -> d.rtspUrl(text(f, v));
                case ONVIF_URL -> d.onvifUrl(text(f, v));
                case USERNAME -> {
                    d.username(text(f, v));
                    if (v.isNull() && !body.has(CameraField.PASSWORD.jsonName())) {
                        d.password(null);
                    }
                }
                case PASSWORD -> d.password(text(f, v));
                case TAGS -> d.tags(tags(v));
                case ENABLED -> {
                    if (!v.isBoolean()) {
                        throw VmsException.invalid(name, "enabled must be true or false");
                    }
                    d.enabled(v.booleanValue());
                }
            }
        }
    }

    private static String text(CameraField f, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw VmsException.invalid(f.jsonName(), f.jsonName() + " must be a string");
        }
        return v.textValue();
    }

    private static Double number(CameraField f, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw VmsException.invalid(f.jsonName(), f.jsonName() + " must be a number");
        }
        return v.doubleValue();
    }

    private static List<String> tags(JsonNode v) {
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw VmsException.invalid("tags", "tags must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isTextual()) {
                throw VmsException.invalid("tags", "tags must be an array of strings");
            }
            out.add(t.textValue());
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
