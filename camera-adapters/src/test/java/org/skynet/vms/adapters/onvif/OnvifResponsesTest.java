package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

/** The response parsers on golden files written after each vendor's public format (see testdata README). */
class OnvifResponsesTest {

    @Test
    void axisDeviceInformation() {
        assertEquals(new DeviceInformation("AXIS", "P3245-LVE", "10.12.114", "ACCC8E000001", "7C4"),
                DeviceResponses.deviceInformation(OnvifTestData.bytes("axis_GetDeviceInformation.xml")));
    }

    @Test
    void axisServicesOfferMedia2() {
        List<ServiceInfo> services = DeviceResponses.services(OnvifTestData.bytes("axis_GetServices.xml"));
        assertEquals(4, services.size());
        ServiceInfo media2 = ServiceInfo.find(services, OnvifNamespaces.MEDIA2).orElseThrow();
        assertEquals(URI.create("http://192.0.2.30/onvif/services"), media2.xaddr());
        assertEquals(21, media2.versionMajor());
        assertEquals(12, media2.versionMinor());
    }

    @Test
    void univiewCapabilitiesWithNumberedPrefixes() {
        Capabilities caps = DeviceResponses.capabilities(OnvifTestData.bytes("uniview_GetCapabilities.xml"));
        assertEquals(URI.create("http://192.0.2.50/onvif/media_service"), caps.media().orElseThrow());
        assertEquals(URI.create("http://192.0.2.50/onvif/event_service"), caps.events().orElseThrow());
        assertEquals(URI.create("http://192.0.2.50/onvif/device_service"), caps.device().orElseThrow());
        assertTrue(caps.ptz().isEmpty());
    }

    @Test
    void univiewSystemDateAndTimeGivesClockOffset() {
        SystemDateAndTime sdt = DeviceResponses.systemDateAndTime(OnvifTestData.bytes("uniview_GetSystemDateAndTime.xml"));
        assertEquals(Instant.parse("2026-11-26T07:05:30Z"), sdt.utc());
        assertEquals("NTP", sdt.dateTimeType());
        assertEquals("CST-8:00:00", sdt.timeZone());
        assertEquals(Duration.ofSeconds(-90), sdt.clockOffset(Instant.parse("2026-11-26T07:07:00Z")));
    }

    @Test
    void hikvisionMediaProfilesWithEncoders() {
        List<Profile> profiles = MediaResponses.profiles(OnvifTestData.bytes("hikvision_GetProfiles.xml"));
        assertEquals(2, profiles.size());
        Profile main = profiles.get(0);
        assertEquals("Profile_1", main.token());
        assertEquals("mainStream", main.name());
        assertEquals(OnvifNamespaces.MEDIA, main.mediaNamespace());
        assertEquals(new VideoEncoderConfiguration("VideoEncoderToken_1", "H264", 1920, 1080, 25.0, 4096),
                main.videoEncoder().orElseThrow());
        assertEquals(12.5, profiles.get(1).videoEncoder().orElseThrow().frameRateLimit());
    }

    @Test
    void hanwhaMedia2Profiles() {
        List<Profile> profiles = MediaResponses.profiles(OnvifTestData.bytes("hanwha_GetProfiles_media2.xml"));
        assertEquals(List.of("profile_1", "profile_2"), profiles.stream().map(Profile::token).toList());
        assertEquals(OnvifNamespaces.MEDIA2, profiles.get(0).mediaNamespace());
        assertEquals(new VideoEncoderConfiguration("VideoEncoderToken-0", "H265", 2560, 1440, 30.0, 6144),
                profiles.get(0).videoEncoder().orElseThrow());
        assertEquals("JPEG", profiles.get(1).videoEncoder().orElseThrow().encoding());
    }

    @Test
    void dahuaStreamUriKeepsTheQuery() {
        MediaUri uri = MediaResponses.mediaUri(OnvifTestData.bytes("dahua_GetStreamUri.xml"));
        assertEquals(URI.create("rtsp://192.0.2.21:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif"),
                uri.uri());
        assertEquals(Duration.ofSeconds(60), uri.timeout());
        assertFalse(uri.invalidAfterConnect());
    }

    @Test
    void hanwhaMedia2SnapshotUri() {
        MediaUri uri = MediaResponses.mediaUri(OnvifTestData.bytes("hanwha_GetSnapshotUri_media2.xml"));
        assertEquals("192.0.2.40", uri.uri().getHost());
        assertEquals("msubmenu=snapshot&action=view&Profile=1", uri.uri().getQuery());
    }

    @Test
    void wrongResponseElementIsProtocol() {
        OnvifException e = assertThrows(OnvifException.class,
                () -> MediaResponses.profiles(OnvifTestData.bytes("dahua_GetStreamUri.xml")));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }

    @Test
    void hikvisionPullMessagesWithMotionAndTamper() {
        PullMessagesResponse r = EventResponses.pullMessages(OnvifTestData.bytes("hikvision_PullMessages.xml"));
        assertEquals(Instant.parse("2026-11-26T07:20:02Z"), r.terminationTime().orElseThrow());
        assertEquals(2, r.messages().size());
        OnvifEvent motion = r.messages().get(0);
        assertEquals("tns1:VideoSource/MotionAlarm", motion.topic());
        assertEquals(OnvifEvent.Kind.MOTION, motion.kind());
        assertTrue(motion.active());
        assertEquals(Instant.parse("2026-11-26T07:10:01Z"), motion.utcTime().orElseThrow());
        assertEquals("Changed", motion.propertyOperation());
        assertEquals(Map.of("Source", "VideoSource_1"), motion.source());
        assertEquals(Map.of("State", "true"), motion.data());
        OnvifEvent tamper = r.messages().get(1);
        assertEquals(OnvifEvent.Kind.TAMPER, tamper.kind());
        assertEquals(List.of("VideoSourceConfigurationToken", "VideoAnalyticsConfigurationToken", "Rule"),
                List.copyOf(tamper.source().keySet()));
    }

    @Test
    void axisMotionWithFractionalSeconds() {
        OnvifEvent m = EventResponses.pullMessages(OnvifTestData.bytes("axis_PullMessages_motion.xml"))
                .messages().get(0);
        assertEquals(Instant.parse("2026-11-26T07:10:59.123456Z"), m.utcTime().orElseThrow());
        assertEquals("1", m.data().get("State"));
        assertTrue(m.active(), "xs:boolean 1");
    }

    @Test
    void sceneChangeIsActiveTamperAndDeletedIsInactive() {
        List<OnvifEvent> m = EventResponses.pullMessages(OnvifTestData.bytes("onvif_PullMessages_sceneChange.xml"))
                .messages();
        assertEquals(List.of("tns1:VideoSource/GlobalSceneChange/ImagingService TAMPER true",
                "tns1:RuleEngine/CellMotionDetector/Motion MOTION true",
                "tns1:RuleEngine/CellMotionDetector/Motion MOTION false"),
                m.stream().map(e -> e.topic() + " " + e.kind() + " " + e.active()).toList());
        assertEquals("Deleted", m.get(2).propertyOperation());
        assertTrue(m.get(2).data().isEmpty());
    }

    @Test
    void topicPrefixIsNormalisedToTns1() {
        String xml = new String(OnvifTestData.bytes("hikvision_PullMessages.xml"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("xmlns:tns1=", "xmlns:onvtopic=").replace(">tns1:", ">onvtopic:");
        PullMessagesResponse r = EventResponses.pullMessages(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("tns1:VideoSource/MotionAlarm", r.messages().get(0).topic());
    }

    @Test
    void axisSubscriptionAndRenew() {
        PullPointSubscription s = EventResponses.pullPointSubscription(
                OnvifTestData.bytes("axis_CreatePullPointSubscription.xml"));
        assertEquals(URI.create("http://192.0.2.30/onvif/services/pullpoint/3"), s.address());
        assertEquals(1, s.referenceParameters().size());
        String header = s.referenceParameters().get(0);
        assertTrue(header.contains("SubscriptionId") && header.contains("http://www.axis.com/2009/event")
                && header.contains("IsReferenceParameter=\"true\""), header);
        assertEquals(Instant.parse("2026-11-26T07:20:00Z"), s.terminationTime().orElseThrow());
        assertEquals(Instant.parse("2026-11-26T07:30:00Z"), EventResponses.renew(OnvifTestData.bytes("axis_Renew.xml")));
    }
}
