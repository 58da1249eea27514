package org.skynet.vms.adapters.sim.onvif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SOAP answer templates under {@code resources/sim/onvif/}, loaded once. A template holds
 * {@code ${name}} placeholders, replaced by XML-escaped text, and {@code @{name}} placeholders,
 * replaced by already-rendered XML (a fragment or nothing). Thread-safe after construction.
 */
final class SoapTemplates {
    static final List<String> NAMES = List.of("Envelope", "GetSystemDateAndTime", "GetDeviceInformation",
            "GetCapabilities", "GetServices", "GetProfiles", "Profile", "GetStreamUri", "GetSnapshotUri",
            "CreatePullPointSubscription", "PullMessages", "MotionMessage", "TamperMessage", "GetEventProperties", "Renew", "Unsubscribe", "Fault");

    private final Map<String, String> templates = new HashMap<>();

    /** Loads every template from the class path. @throws UncheckedIOException if one is missing */
    SoapTemplates() {
        for (String name : NAMES) {
            String path = "/sim/onvif/" + name + ".xml";
            try (InputStream in = SoapTemplates.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("missing template " + path));
                }
                templates.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("reading template " + path, e);
            }
        }
    }

    /**
     * Renders a template. Every placeholder must have a value.
     *
     * @param values text for {@code ${key}} (escaped) and XML for {@code @{key}} (inserted as is)
     * @throws IllegalArgumentException naming the first placeholder without a value
     */
    String render(String name, Map<String, String> values) {
        String template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no template " + name);
        }
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '$' || c == '@') && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                int end = template.indexOf('}', i + 2);
                String key = template.substring(i + 2, end);
                String value = values.get(key);
                if (value == null) {
                    throw new IllegalArgumentException("template " + name + " needs a value for " + key);
                }
                out.append(c == '$' ? escape(value) : value);
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Wraps a rendered body in the SOAP 1.2 envelope. */
    String envelope(String body) {
        return render("Envelope", Map.of("header", "", "body", body));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
