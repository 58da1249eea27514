package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.VmsException;

/** Parsing what a technician types: URLs, HD thresholds, durations; errors name the field, never the password. */
class OnboardingSettingsTest {

    @Test
    void targetsKnowTheirKindAndPort() {
        OnboardingTarget onvif = OnboardingTarget.parse(" http://192.0.2.10/onvif/device_service ", "admin", "pw");
        assertFalse(onvif.isRtsp());
        assertEquals("192.0.2.10:80", onvif.hostAndPort());
        OnboardingTarget rtsp = OnboardingTarget.parse("rtsp://192.0.2.10/live", "", null);
        assertTrue(rtsp.isRtsp());
        assertEquals(554, rtsp.port());
        assertEquals(null, rtsp.username());
        assertFalse(onvif.toString().contains("pw"));
    }

    @Test
    void badUrlsNameTheFieldAndNeverEchoThePassword() {
        for (String url : new String[] {"", "ftp://192.0.2.10/", "http:///path", "rtsp://admin:s3cr3t@192.0.2.10/x",
                "http://192.0.2.10/ bad path s3cr3t"}) {
            VmsException e = assertThrows(VmsException.class, () -> OnboardingTarget.parse(url, "admin", "s3cr3t"));
            assertEquals("url", e.field(), url);
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
    }

    @Test
    void hdAndBudget() {
        OnboardingSettings s = OnboardingSettings.DEFAULTS.withHd("2560X1440").withBudget(Duration.ofSeconds(3));
        assertEquals(2560, s.hdWidth());
        assertEquals(1440, s.hdHeight());
        assertEquals(Duration.ofSeconds(3), s.callTimeout(), "the per-call timeout never exceeds the budget");
        assertEquals("hd", assertThrows(VmsException.class, () -> s.withHd("big")).field());
        assertEquals("hd", assertThrows(VmsException.class, () -> s.withHd("0x0")).field());
        assertEquals("timeout", assertThrows(VmsException.class, () -> s.withBudget(Duration.ofMillis(10))).field());
    }

    @Test
    void durationsAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(30), OnboardingSettings.parseDuration("timeout", "30s"));
        assertEquals(Duration.ofMillis(1500), OnboardingSettings.parseDuration("timeout", "1500ms"));
        assertEquals(Duration.ofMinutes(2), OnboardingSettings.parseDuration("timeout", "2m"));
        assertEquals(Duration.ofSeconds(45), OnboardingSettings.parseDuration("timeout", "PT45S"));
        assertEquals(Duration.ofSeconds(10), OnboardingSettings.parseDuration("timeout", "10"));
        assertEquals("timeout", assertThrows(VmsException.class,
                () -> OnboardingSettings.parseDuration("timeout", "soon")).field());
    }

    @Test
    void streamUrisLoseTheirUserInfo() {
        assertEquals(URI.create("rtsp://192.0.2.10:554/main?x=1"),
                OnboardingRun.withoutUserInfo(URI.create("rtsp://admin:pw@192.0.2.10:554/main?x=1")));
        URI plain = URI.create("rtsp://192.0.2.10/main");
        assertEquals(plain, OnboardingRun.withoutUserInfo(plain));
    }
}
