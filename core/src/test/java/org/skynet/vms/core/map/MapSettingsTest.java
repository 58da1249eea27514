package org.skynet.vms.core.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

class MapSettingsTest {
    @Test
    void noTilesByDefault() {
        MapSettings s = MapSettings.from(VmsConfig.ofFlags(Map.of()));
        assertNull(s.tileUrl());
        assertEquals("", s.tileAttribution());
        assertEquals(19, s.maxZoom());
    }

    @Test
    void aSameOriginTileServer() {
        MapSettings s = MapSettings.from(VmsConfig.ofFlags(Map.of("map.tile-url", " /tiles/{z}/{x}/{y}.png ",
                "map.tile-attribution", "City survey office", "map.max-zoom", "20")));
        assertEquals("/tiles/{z}/{x}/{y}.png", s.tileUrl());
        assertEquals("City survey office", s.tileAttribution());
        assertEquals(20, s.maxZoom());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tiles.example/{z}/{x}/{y}.png", "//tiles.example/{z}/{x}/{y}.png",
            "/tiles/{z}/{x}.png", "tiles/{z}/{x}/{y}.png", "/\\\\host/{z}/{x}/{y}", "/tiles/{z}/{x}/{y}.png x"})
    void otherOriginsAndIncompleteTemplatesAreRefusedNamingTheKey(String url) {
        VmsException e = assertThrows(VmsException.class,
                () -> MapSettings.from(VmsConfig.ofFlags(Map.of("map.tile-url", url))));
        assertEquals("map.tile-url", e.field());
    }

    @Test
    void maxZoomOutOfRange() {
        VmsException e = assertThrows(VmsException.class,
                () -> MapSettings.from(VmsConfig.ofFlags(Map.of("map.max-zoom", "30"))));
        assertEquals("map.max-zoom", e.field());
    }
}
