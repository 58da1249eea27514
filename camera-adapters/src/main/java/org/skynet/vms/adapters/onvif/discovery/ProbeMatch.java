package org.skynet.vms.adapters.onvif.discovery;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One WS-Discovery {@code ProbeMatch}: a device that answered our Probe.
 *
 * @param endpointReference the device's stable id, usually {@code urn:uuid:...}
 * @param types the types as written, e.g. {@code dn:NetworkVideoTransmitter}, {@code tds:Device}
 * @param scopes the scope URIs as written, e.g. {@code onvif://www.onvif.org/name/AXIS%20M2025-LE}
 * @param xaddrs the device service URLs that parsed as absolute URIs (a device may list several:
 *     IPv4, IPv6, link-local, https)
 * @param metadataVersion the metadata version, 0 if absent
 */
public record ProbeMatch(String endpointReference, List<String> types, List<String> scopes, List<URI> xaddrs,
        int metadataVersion) {
    private static final String ONVIF_SCOPE = "onvif://www.onvif.org/";

    public ProbeMatch {
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        xaddrs = List.copyOf(xaddrs);
    }

    /** The decoded {@code onvif://www.onvif.org/name/...} scope, e.g. {@code AXIS M2025-LE}. */
    public Optional<String> name() {
        return scopeValues("name").stream().findFirst();
    }

    /** The decoded {@code onvif://www.onvif.org/hardware/...} scope, usually the model. */
    public Optional<String> hardware() {
        return scopeValues("hardware").stream().findFirst();
    }

    /** The decoded {@code onvif://www.onvif.org/location/...} scopes; an empty location is left out. */
    public List<String> locations() {
        return scopeValues("location");
    }

    /** Whether the device announces itself as an ONVIF NetworkVideoTransmitter (a camera or encoder). */
    public boolean isNetworkVideoTransmitter() {
        return types.stream().anyMatch(t -> t.endsWith("NetworkVideoTransmitter"));
    }

    /**
     * The decoded values of every {@code onvif://www.onvif.org/<category>/<value>} scope, in order.
     * Percent-encoding is decoded ({@code %20} → space); blank values are dropped.
     */
    public List<String> scopeValues(String category) {
        String prefix = ONVIF_SCOPE + category + "/";
        List<String> out = new ArrayList<>();
        for (String scope : scopes) {
            if (scope.regionMatches(true, 0, prefix, 0, prefix.length())) {
                String value = decode(scope.substring(prefix.length()));
                if (!value.isBlank()) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // A stray '%' (seen on cheap OEM firmwares): keep the text as the device wrote it.
            return text;
        }
    }
}
