package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifEvent.Kind;
import org.skynet.vms.errors.ErrorKind;

/**
 * Golden-file tests for every event-service answer among the captured camera messages in the shared
 * fixture folder (read in place, found as {@link OnvifFixturesInteropTest#fixtures()} finds it; skipped
 * when absent unless {@code CI=true}): the values a person reading each file finds.
 */
class OnvifEventFixturesTest {

    @Test
    void createPullPointSubscriptionResponses() throws IOException {
        PullPointSubscription axis = subscription("onvif-nvt/axis/events/CreatePullPointSubscription.Response.xml");
        assertEquals(URI.create("http://192.168.0.19/onvif/services"), axis.address());
        assertEquals(1, axis.referenceParameters().size(), "Axis names the subscription in a reference parameter");
        assertTrue(axis.referenceParameters().get(0).contains("http://www.axis.com/2009/event"));
        assertEquals(Instant.parse("2018-03-27T23:10:30Z"), axis.terminationTime().orElseThrow());

        PullPointSubscription pelco = subscription("onvif-nvt/pelco/events/CreatePullPointSubscription.Response.xml");
        assertEquals("id=urn:uuid:90c6d153-d40a-ce00-565f-26bed81b5b83", pelco.address().getQuery());
        assertEquals(1, pelco.referenceParameters().size());
        assertEquals(Instant.parse("2018-02-27T18:29:26.067761Z"), pelco.terminationTime().orElseThrow());

        Map<String, String> hikvisionStyle = Map.of(
                "onvif-nvt/hikvision/events/CreatePullPointSubscription.Response.xml",
                "http://10.10.1.60/onvif/Events/PullSubManager_2018-02-27T18:28:52Z_5",
                "onvif-nvt/hikvision-fixed/events/CreatePullPointSubscription.Response.xml",
                "http://10.10.1.65/onvif/Events/PullSubManager_2018-02-27T18:34:42Z_1",
                "onvif-nvt/trendnet/events/CreatePullPointSubscription.Response.xml",
                "http://10.10.1.67/onvif/Events/PullSubManager_2018-02-27T18:36:53Z_0",
                "ex-onvif/create_pull_point_subscription.xml",
                "http://192.168.8.120/onvif/Events/PullSubManager_20250415T164937Z_0");
        for (Map.Entry<String, String> e : hikvisionStyle.entrySet()) {
            PullPointSubscription s = subscription(e.getKey());
            assertEquals(URI.create(e.getValue()), s.address(), e.getKey());
            assertTrue(s.referenceParameters().isEmpty(), e.getKey());
            // Hikvision firmwares give 60 s, however long was asked for.
            assertEquals(60, s.terminationTime().orElseThrow().getEpochSecond()
                    - s.currentTime().orElseThrow().getEpochSecond(), e.getKey());
        }
        // agsh mock-up: a doT placeholder where the address belongs.
        OnvifException e = assertThrows(OnvifException.class,
                () -> subscription("agsh-onvif/events.CreatePullPointSubscription.xml"));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }

    @Test
    void pelcoPullMessagesReportsCellMotionAsValueTrue() throws IOException {
        PullMessagesResponse r = pull("onvif-nvt/pelco/events/PullMessages.Response.xml");
        OnvifEvent motion = only(r, "tns1:RuleEngine/CellMotionDetector/Motion");
        assertEquals(Kind.MOTION, motion.kind());
        assertTrue(motion.active(), "Value=\"True\"");
        assertTrue(motion.initial());
        assertEquals(Instant.parse("2018-02-27T18:27:56.071810Z"), motion.utcTime().orElseThrow());
        assertEquals(Kind.OTHER, only(r, "tns1:Monitoring/ProcessorUsage").kind());
        assertEquals(Map.of("Token", "eth0"), only(r, "tns1:Monitoring/LinkStatus").source());
        assertTrue(r.messages().stream().allMatch(m -> m.topic().equals(m.topic().strip())), "topic text trimmed");
    }

    @Test
    void hikvisionPullMessagesRulesAndTamper() throws IOException {
        PullMessagesResponse r = pull("ex-onvif/pull_messages.xml");
        assertEquals(8, r.messages().size());
        OnvifEvent alarm = r.messages().get(0);
        assertEquals("tns1:VideoSource/MotionAlarm", alarm.topic());
        assertEquals(Kind.MOTION, alarm.kind());
        assertFalse(alarm.active());
        assertEquals(Map.of("Source", "VideoSource_1"), alarm.source());
        OnvifEvent cell = only(r, "tns1:RuleEngine/CellMotionDetector/Motion");
        assertEquals(Kind.MOTION, cell.kind());
        assertEquals(List.of("VideoSourceConfigurationToken", "VideoAnalyticsConfigurationToken", "Rule"),
                List.copyOf(cell.source().keySet()));
        assertEquals(Map.of("IsMotion", "false"), cell.data());
        OnvifEvent tamper = only(r, "tns1:RuleEngine/TamperDetector/Tamper");
        assertEquals(Kind.TAMPER, tamper.kind());
        assertFalse(tamper.active());
        assertEquals("MyTamperDetectorRule", tamper.source().get("Rule"));
        assertEquals(Kind.OTHER, only(r, "tns1:VideoSource/ImageTooDark/ImagingService").kind());
        assertEquals(Instant.parse("2025-04-18T20:44:10Z"), r.terminationTime().orElseThrow());
    }

    @Test
    void emptyAndMonitoringOnlyPulls() throws IOException {
        assertTrue(pull("onvif-nvt/hikvision/events/PullMessages.Response.xml").messages().isEmpty());
        assertTrue(pull("onvif-nvt/hikvision-fixed/events/PullMessages.Response.xml").messages().isEmpty());
        PullMessagesResponse trendnet = pull("onvif-nvt/trendnet/events/PullMessages.Response.xml");
        assertEquals(1, trendnet.messages().size());
        assertEquals(Kind.OTHER, trendnet.messages().get(0).kind());
        assertEquals(Map.of("Value", "75"), trendnet.messages().get(0).data());
    }

    @Test
    void eventFaultsAreTyped() throws IOException {
        OnvifFault invalid = assertThrows(OnvifFault.class,
                () -> EventResponses.pullMessages(read("onvif-nvt/axis/events/PullMessages.Error.xml")));
        assertEquals(ErrorKind.PROTOCOL, invalid.kind());
        assertTrue(invalid.getMessage().contains("InvalidArgs"), invalid.getMessage());
        assertThrows(OnvifFault.class, () -> EventResponses.pullPointSubscription(
                read("onvif-nvt/axis/events/CreatePullPointSubscription.Error.xml")));
        assertThrows(OnvifFault.class,
                () -> EventResponses.pullMessages(read("onvif-nvt/pelco/events/PullMessages.Error.xml")));
    }

    @Test
    void unsubscribeResponse() throws IOException {
        EventResponses.unsubscribe(read("agsh-onvif/Unsubscribe.xml"));
    }

    @Test
    void getEventPropertiesResponses() throws IOException {
        for (String f : List.of("onvif-nvt/hikvision/events/GetEventProperties.Response.xml",
                "onvif-nvt/hikvision-fixed/events/GetEventProperties.Response.xml",
                "onvif-nvt/trendnet/events/GetEventProperties.Response.xml", "ex-onvif/get_event_properties.xml")) {
            EventProperties p = EventResponses.eventProperties(read(f));
            assertTrue(p.fixedTopicSet(), f);
            assertEquals(List.of("tns1:VideoSource/MotionAlarm", "tns1:RuleEngine/CellMotionDetector/Motion",
                    "tns1:RuleEngine/TamperDetector/Tamper"), p.topics().stream()
                    .filter(t -> t.kind() != Kind.OTHER).map(EventProperties.Topic::topic).toList(), f);
            EventProperties.Topic tamper = p.topics().stream().filter(t -> t.kind() == Kind.TAMPER).findFirst()
                    .orElseThrow();
            assertEquals(List.of("IsTamper"), tamper.dataItems(), f);
        }
        EventProperties axis = EventResponses.eventProperties(
                read("onvif-nvt/axis/events/GetEventProperties.Response.xml"));
        assertFalse(axis.fixedTopicSet());
        assertEquals(25, axis.topics().size());
        EventProperties.Topic axisMotion = axis.topics().stream().filter(t -> t.kind() == Kind.MOTION).findFirst()
                .orElseThrow();
        assertEquals("tns1:VideoAnalytics/tnsaxis:MotionDetection", axisMotion.topic());
        assertEquals(List.of("motion"), axisMotion.dataItems());
        assertFalse(axis.offers(Kind.TAMPER));

        EventProperties pelco = EventResponses.eventProperties(
                read("onvif-nvt/pelco/events/GetEventProperties.Response.xml"));
        assertEquals(List.of("tns1:RuleEngine/AdaptiveMotion/Triggered", "tns1:RuleEngine/DirectionalMotion/Triggered",
                "tns1:RuleEngine/CellMotionDetector/Motion"), pelco.topics().stream()
                .filter(t -> t.kind() == Kind.MOTION).map(EventProperties.Topic::topic).toList());
        assertEquals(List.of(false, false, true), pelco.topics().stream().filter(t -> t.kind() == Kind.MOTION)
                .map(EventProperties.Topic::property).toList(), "Pelco's rule triggers are pulses, cell motion a property");

        EventProperties agsh = EventResponses.eventProperties(read("agsh-onvif/GetEventProperties.xml"));
        assertEquals(4, agsh.topics().size());
        assertTrue(agsh.offers(Kind.MOTION));
    }

    private static OnvifEvent only(PullMessagesResponse r, String topic) {
        List<OnvifEvent> found = r.messages().stream().filter(m -> m.topic().equals(topic)).toList();
        assertEquals(1, found.size(), topic + " in " + r.messages().stream().map(OnvifEvent::topic).toList());
        return found.get(0);
    }

    private static PullPointSubscription subscription(String path) throws IOException {
        return EventResponses.pullPointSubscription(read(path));
    }

    private static PullMessagesResponse pull(String path) throws IOException {
        return EventResponses.pullMessages(read(path));
    }

    private static byte[] read(String path) throws IOException {
        Path root = OnvifFixturesInteropTest.fixtures();
        return Files.readAllBytes(root.resolve(path));
    }
}
