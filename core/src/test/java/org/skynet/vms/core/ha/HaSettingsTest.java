package org.skynet.vms.core.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.errors.VmsException;

class HaSettingsTest {
    private static final DbSettings POSTGRES = new DbSettings("jdbc:postgresql://127.0.0.1:5432/vms", "vms", null,
            Path.of("data"), null, 10);

    @Test
    void offByDefaultEvenOnTheEmbeddedDatabase() {
        HaSettings s = HaSettings.from(VmsConfig.ofFlags(Map.of()), DbSettings.embedded(Path.of("data")));
        assertFalse(s.enabled());
        assertEquals(Duration.ofSeconds(2), s.retry());
        assertEquals(Duration.ofSeconds(10), s.sessionTimeout());
    }

    @Test
    void refusedOnTheEmbeddedDatabase() {
        VmsException e = assertThrows(VmsException.class, () -> HaSettings.from(
                VmsConfig.ofFlags(Map.of("ha.enabled", "true")), DbSettings.embedded(Path.of("data"))));
        assertEquals("ha.enabled", e.field());
        assertTrue(e.getMessage().contains("needs PostgreSQL"), e.getMessage());
    }

    @Test
    void defaultsPassTheSplitBrainBudgetOnPostgres() {
        HaSettings s = HaSettings.from(VmsConfig.ofFlags(Map.of("ha.enabled", "true")), POSTGRES);
        assertTrue(s.enabled());
        assertTrue(s.stepDown().plus(s.exitGrace()).plus(HaSettings.MARGIN).compareTo(s.sessionTimeout()) <= 0);
    }

    @Test
    void aSessionTimeoutShorterThanTheStepDownIsRefused() {
        VmsException e = assertThrows(VmsException.class, () -> HaSettings.from(VmsConfig.ofFlags(Map.of(
                "ha.enabled", "true", "ha.session-timeout-millis", "6000")), POSTGRES));
        assertEquals("ha.session-timeout-millis", e.field());
        assertTrue(e.getMessage().contains("(8000)"), e.getMessage());
    }

    @Test
    void aCheckNoMoreFrequentThanTheStepDownIsRefused() {
        VmsException e = assertThrows(VmsException.class, () -> HaSettings.from(VmsConfig.ofFlags(Map.of(
                "ha.enabled", "true", "ha.check-millis", "5000")), POSTGRES));
        assertEquals("ha.check-millis", e.field());
    }
}
