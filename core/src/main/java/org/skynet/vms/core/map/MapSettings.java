package org.skynet.vms.core.map;

import java.util.regex.Pattern;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

/**
 * The console map's settings. By default there is no tile layer: the map draws districts, places and cones
 * on a plain background and needs no internet. A city with its own tile server sets {@code map.tile-url}.
 *
 * @param tileUrl         Leaflet URL template of the tile layer ({@code map.tile-url}), e.g.
 *                        {@code /tiles/{z}/{x}/{y}.png}, or null for none. Only same-origin paths are
 *                        accepted: the console's Content-Security-Policy loads images from its own origin only,
 *                        so the tile server is published behind the same reverse proxy as the VMS.
 * @param tileAttribution text shown in the map corner for the tiles ({@code map.tile-attribution}, "")
 * @param maxZoom         deepest zoom level the tiles have ({@code map.max-zoom}, 19)
 */
public record MapSettings(String tileUrl, String tileAttribution, int maxZoom) {
    private static final Pattern SAME_ORIGIN_PATH = Pattern.compile("/[^/\\\\\\s][^\\s\\\\]*");

    public MapSettings {
        if (tileUrl != null && (!SAME_ORIGIN_PATH.matcher(tileUrl).matches() || !tileUrl.contains("{z}")
                || !tileUrl.contains("{x}") || !tileUrl.contains("{y}"))) {
            throw VmsException.invalid("map.tile-url", "map.tile-url must be a path on this server with {z}, {x} and {y},"
                    + " like /tiles/{z}/{x}/{y}.png (other origins are blocked by the console's Content-Security-Policy),"
                    + " got '" + tileUrl + "'");
        }
        if (maxZoom < 1 || maxZoom > 22) {
            throw VmsException.invalid("map.max-zoom", "map.max-zoom must be in 1..22, got " + maxZoom);
        }
        tileAttribution = tileAttribution == null ? "" : tileAttribution;
    }

    public static MapSettings from(VmsConfig config) {
        String url = config.string("map.tile-url", "").trim();
        return new MapSettings(url.isEmpty() ? null : url, config.string("map.tile-attribution", ""),
                config.integer("map.max-zoom", 19));
    }
}
