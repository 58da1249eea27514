package org.skynet.vms.adapters.sim.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.onvif.EventProperties;
import org.skynet.vms.adapters.onvif.EventResponses;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.adapters.onvif.PullMessagesResponse;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;
import org.skynet.vms.adapters.sim.TestCameras;
import org.w3c.dom.Document;

/** Every answer renders to a well-formed SOAP envelope with the fields clients look up. */
class OnvifAnswersTest {
    private final OnvifAnswers answers = new OnvifAnswers(new SoapTemplates());
    private final SimulatedCamera cam = TestCameras.camera(Codec.H265);
    private final Instant now = Instant.parse("2026-03-01T12:34:56Z");
    private final SimEvent motionOn = new SimEvent(SimEvent.Kind.MOTION, true, now);

    @Test
    void everyAnswerIsWellFormed() throws Exception {
        for (String body : List.of(answers.getSystemDateAndTime(now), answers.getDeviceInformation(cam),
                answers.getCapabilities(cam), answers.getServices(cam), answers.getProfiles(cam),
                answers.getStreamUri(cam, StreamProfile.MAIN), answers.getSnapshotUri(cam, StreamProfile.SUB),
                answers.createPullPointSubscription(cam, 7, now, now.plusSeconds(60)),
                answers.pullMessages(List.of(motionOn), now, now.plusSeconds(60), cam), answers.getEventProperties(),
                answers.unsubscribe(),
                answers.fault("env:Sender", "ter:NotAuthorized", "a <reason> & more"))) {
            parse(answers.envelope(body));
        }
    }

    @Test
    void fieldsCarryCameraValues() throws Exception {
        Document time = parse(answers.envelope(answers.getSystemDateAndTime(now)));
        assertEquals("12", text(time, "Hour"));
        assertEquals("2026", text(time, "Year"));
        Document profiles = parse(answers.envelope(answers.getProfiles(cam)));
        assertEquals("H265", text(profiles, "Encoding"));
        assertEquals(1, profiles.getElementsByTagNameNS("*", "H264").getLength(), "only the sub profile has H264 options");
        Document uri = parse(answers.envelope(answers.getStreamUri(cam, StreamProfile.MAIN)));
        assertEquals("rtsp://127.0.0.1:554/main", text(uri, "Uri"));
    }

    @Test
    void eventsReadBackThroughTheClientParsers() {
        SimEvent tamperOff = new SimEvent(SimEvent.Kind.TAMPER, false, now.plusSeconds(1));
        PullMessagesResponse pulled = EventResponses.pullMessages(answers.envelope(
                answers.pullMessages(List.of(motionOn, tamperOff), now, now.plusSeconds(60), cam))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(OnvifEvent.Kind.MOTION, OnvifEvent.Kind.TAMPER),
                pulled.messages().stream().map(OnvifEvent::kind).toList());
        assertEquals(List.of(true, false), pulled.messages().stream().map(OnvifEvent::active).toList());
        assertEquals(now, pulled.messages().get(0).utcTime().orElseThrow());
        EventProperties props = EventResponses.eventProperties(answers.envelope(answers.getEventProperties())
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("tns1:VideoSource/MotionAlarm", "tns1:RuleEngine/TamperDetector/Tamper"),
                props.topics().stream().map(EventProperties.Topic::topic).toList());
    }

    @Test
    void templatesRefuseMissingValues() {
        assertThrows(IllegalArgumentException.class, () -> new SoapTemplates().render("GetStreamUri", Map.of()));
    }

    private static String text(Document d, String localName) {
        return d.getElementsByTagNameNS("*", localName).item(0).getTextContent();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
