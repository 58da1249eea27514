package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.clips.ClipConfig;

class ClipSettingsTest {
    private static final Path DATA = Path.of("/srv/vms");

    @Test
    void defaultsAreTheDocumentedOnes() {
        ClipSettings s = ClipSettings.from(VmsConfig.ofFlags(Map.of()), DATA);
        assertEquals(DATA.resolve("clips"), s.root());
        assertEquals(Duration.ofSeconds(10), s.preRoll());
        assertEquals(Duration.ofSeconds(20), s.postRoll());
        assertEquals(Duration.ofMinutes(5), s.maxClip());
        assertEquals(16L << 20, s.preRollMaxBytes());
        assertEquals(Duration.ofDays(30), s.maxAge());
        assertFalse(s.onAlarm());
        ClipConfig c = s.clipConfig(true);
        assertEquals(DATA.resolve("clips"), c.files().storageRoot());
        assertEquals(1200, c.queueFrames());
    }

    @Test
    void badValuesNameTheKey() {
        VmsException zero = assertThrows(VmsException.class, () -> ClipSettings.from(
                VmsConfig.ofFlags(Map.of("recorder.clips.pre-roll-seconds", "0")), DATA));
        assertEquals("recorder.clips.pre-roll-seconds", zero.field());
        VmsException shortMax = assertThrows(VmsException.class, () -> ClipSettings.from(VmsConfig.ofFlags(
                Map.of("recorder.clips.post-roll-seconds", "60", "recorder.clips.max-clip-seconds", "30")), DATA)
                .clipConfig(true));
        assertEquals("recorder.clips", shortMax.field());
    }
}
