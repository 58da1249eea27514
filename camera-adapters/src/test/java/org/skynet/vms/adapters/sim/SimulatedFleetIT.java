package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;

/** The fleet on loopback, spoken to by raw RTSP and SOAP clients: protocol answers and every fault. */
class SimulatedFleetIT {
    private static SimulatedFleet fleet;
    private static SimulatedCamera cam;
    private final SoapTestClient soap = new SoapTestClient();

    @BeforeAll
    static void start() {
        fleet = SimulatedFleet.start(SimConfig.builder(3).build());
        cam = fleet.cameras().get(1);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @AfterEach
    void heal() {
        fleet.setFault(fleet.cameras().stream().map(SimulatedCamera::id).toList(), Fault.NONE);
    }

    @Test
    void camerasHaveDistinctPortsAndCredentials() {
        assertEquals(3, fleet.cameras().size());
        assertEquals("sim-000002", cam.id());
        assertEquals("pass-000002", cam.password());
        assertEquals(3, fleet.cameras().stream().map(SimulatedCamera::rtspPort).distinct().count());
        assertTrue(cam.rtspMainUrl().startsWith("rtsp://127.0.0.1:"));
        assertTrue(cam.onvifUrl().endsWith("/onvif/device_service"));
    }

    @Test
    void rtspPlayStreamsH264WithSenderReportAndContinuousSequenceAcrossTheLoop() throws Exception {
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 3000)) {
            RawRtspClient.Response describe = client.request("DESCRIBE", cam.rtspMainUrl(), Map.of());
            assertEquals(200, describe.status());
            assertTrue(describe.body().contains("a=rtpmap:96 H264/90000"), describe.body());
            assertTrue(describe.body().contains("sprop-parameter-sets="), describe.body());
            assertTrue(describe.body().contains("a=framerate:25"), describe.body());
            assertEquals(200, client.play(cam.rtspMainUrl()).status());
            RawRtspClient.Frame first = client.readFrame();
            assertEquals(1, first.channel(), "an RTCP sender report comes first");
            RtcpSenderReport sr = RtcpSenderReport.findIn(java.nio.ByteBuffer.wrap(first.data())).orElseThrow();
            assertTrue(Duration.between(sr.ntpInstant(), Instant.now()).abs().toSeconds() < 5, sr.ntpInstant()::toString);
            int frames = 0;
            int previousSeq = -1;
            long previousTs = -1;
            while (frames < 110) { // the clip has 100 frames: cross the loop point
                RawRtspClient.Frame f = client.readFrame();
                if (f.channel() != 0) {
                    continue;
                }
                if (previousSeq >= 0) {
                    assertEquals((previousSeq + 1) & 0xFFFF, f.seq(), "sequence numbers run on");
                    long step = (f.timestamp() - previousTs) & 0xFFFF_FFFFL;
                    assertTrue(step == 0 || step == 3600, "timestamp step " + step);
                }
                previousSeq = f.seq();
                previousTs = f.timestamp();
                if (f.marker()) {
                    frames++;
                }
            }
        }
    }

    @Test
    void wrongPasswordGets401AndOptionsNeedsNoAuth() throws Exception {
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), "nope", 3000)) {
            assertEquals(200, client.request("OPTIONS", cam.rtspMainUrl(), Map.of()).status());
            RawRtspClient.Response r = client.request("DESCRIBE", cam.rtspMainUrl(), Map.of());
            assertEquals(401, r.status());
            assertTrue(r.header("WWW-Authenticate").startsWith("Digest realm="));
        }
    }

    @Test
    void wrongPasswordFaultRefusesTheFleetCredentials() throws Exception {
        fleet.setFault(cam.id(), Fault.WRONG_PASSWORD);
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 3000)) {
            assertEquals(401, client.request("DESCRIBE", cam.rtspMainUrl(), Map.of()).status());
        }
        SoapTestClient.Answer a = soap.call(cam.onvifUrl(), "<tds:GetDeviceInformation/>", cam.username(),
                cam.password(), Instant.now());
        assertEquals(400, a.status());
        assertTrue(a.first("Subcode").contains("NotAuthorized"), a.text());
    }

    @Test
    void downClosesConnectionsRefusesNewOnesAndComesBackOnTheSamePorts() throws Exception {
        int port = cam.rtspPort();
        try (RawRtspClient open = new RawRtspClient(cam.rtspMainUrl(), null, null, 3000)) {
            assertEquals(200, open.request("OPTIONS", cam.rtspMainUrl(), Map.of()).status());
            fleet.setFault(cam.id(), Fault.DOWN);
            assertEquals(-1, open.input().read(), "an open connection is closed");
        }
        assertThrows(ConnectException.class, () -> new Socket(cam.host(), port).close());
        assertThrows(ConnectException.class, () -> new Socket(cam.host(), cam.onvifPort()).close());
        fleet.setFault(cam.id(), Fault.NONE);
        assertEquals(port, cam.rtspPort());
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), null, null, 3000)) {
            assertEquals(200, client.request("OPTIONS", cam.rtspMainUrl(), Map.of()).status());
        }
    }

    @Test
    void refusingClosesWithoutAByte() throws Exception {
        fleet.setFault(cam.id(), Fault.REFUSING);
        try (Socket s = new Socket(cam.host(), cam.rtspPort())) {
            s.setSoTimeout(3000);
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void stallStopsRtpButKeepsTheConnection() throws Exception {
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 500)) {
            assertEquals(200, client.play(cam.rtspMainUrl()).status());
            client.readFrame();
            fleet.setFault(cam.id(), Fault.STALL);
            Instant deadline = Instant.now().plusSeconds(3);
            boolean quiet = false;
            while (!quiet && Instant.now().isBefore(deadline)) {
                try {
                    client.readFrame(); // drain what was in flight
                } catch (SocketTimeoutException e) {
                    quiet = true;
                }
            }
            assertTrue(quiet, "RTP still flowing 3 s after STALL");
            assertThrows(SocketTimeoutException.class, client::readFrame);
            assertEquals(200, client.request("GET_PARAMETER", cam.rtspMainUrl(), Map.of("Session", client.session()))
                    .status(), "RTSP still answers while stalled");
        }
    }

    @Test
    void slowDelaysAnswers() throws Exception {
        fleet.setFault(cam.id(), Fault.slow(Duration.ofMillis(400)));
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), null, null, 3000)) {
            long start = System.nanoTime();
            assertEquals(200, client.request("OPTIONS", cam.rtspMainUrl(), Map.of()).status());
            assertTrue(System.nanoTime() - start >= 400_000_000L);
        }
    }

    @Test
    void sdOnlyServesTheSubStreamOnMain() throws Exception {
        fleet.setFault(cam.id(), Fault.SD_ONLY);
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 3000)) {
            assertTrue(client.request("DESCRIBE", cam.rtspMainUrl(), Map.of()).body().contains("x-dimensions:640,360"));
        }
        SoapTestClient.Answer profiles = soap.call(cam.onvifUrl(), "<trt:GetProfiles/>", cam.username(), cam.password(),
                Instant.now());
        assertEquals("640", profiles.first("Width"));
    }

    @Test
    void onvifDeviceInformationAndProfiles() throws Exception {
        SoapTestClient.Answer info = soap.call(cam.onvifUrl(), "<tds:GetDeviceInformation/>", cam.username(),
                cam.password(), Instant.now());
        assertEquals(200, info.status(), info.text());
        assertEquals("Skynet", info.first("Manufacturer"));
        assertEquals("SIM-1080", info.first("Model"));
        assertEquals(cam.id(), info.first("SerialNumber"));
        SoapTestClient.Answer profiles = soap.call(cam.onvifUrl(), "<trt:GetProfiles/>", cam.username(),
                cam.password(), Instant.now());
        assertEquals(2, profiles.count("Profiles"));
        assertEquals("1920", profiles.first("Width"));
        assertEquals("1080", profiles.first("Height"));
        assertEquals("H264", profiles.first("Encoding"));
        assertEquals("25", profiles.first("FrameRateLimit"));
        SoapTestClient.Answer uri = soap.call(cam.onvifUrl(),
                "<trt:GetStreamUri><trt:ProfileToken>sub</trt:ProfileToken></trt:GetStreamUri>", cam.username(),
                cam.password(), Instant.now());
        assertEquals(cam.rtspSubUrl(), uri.first("Uri"));
        SoapTestClient.Answer caps = soap.call(cam.onvifUrl(), "<tds:GetCapabilities/>", null, null, null);
        assertEquals(200, caps.status(), "GetCapabilities is pre-auth");
        assertNotNull(caps.first("XAddr"));
        SoapTestClient.Answer services = soap.call(cam.onvifUrl(), "<tds:GetServices/>", null, null, null);
        assertEquals(3, services.count("Service"));
    }

    @Test
    void snapshotIsAJpeg() throws Exception {
        SoapTestClient.Answer a = soap.call(cam.onvifUrl(),
                "<trt:GetSnapshotUri><trt:ProfileToken>main</trt:ProfileToken></trt:GetSnapshotUri>", cam.username(),
                cam.password(), Instant.now());
        HttpResponse<byte[]> jpeg = soap.get(a.first("Uri"));
        assertEquals(200, jpeg.statusCode());
        assertEquals("image/jpeg", jpeg.headers().firstValue("content-type").orElseThrow());
        assertEquals((byte) 0xFF, jpeg.body()[0]);
        assertEquals((byte) 0xD8, jpeg.body()[1]);
    }

    @Test
    void badDigestAndMissingTokenAreNotAuthorized() throws Exception {
        SoapTestClient.Answer bad = soap.call(cam.onvifUrl(), "<trt:GetProfiles/>", cam.username(), "wrong",
                Instant.now());
        assertEquals(400, bad.status());
        assertTrue(bad.first("Subcode").contains("ter:NotAuthorized"));
        SoapTestClient.Answer none = soap.call(cam.onvifUrl(), "<trt:GetProfiles/>", null, null, null);
        assertTrue(none.first("Subcode").contains("ter:NotAuthorized"));
    }

    @Test
    void clockDriftShowsInSystemTimeAndInTokenFreshness() throws Exception {
        fleet.setFault(cam.id(), Fault.clockDrift(Duration.ofHours(2)));
        SoapTestClient.Answer time = soap.call(cam.onvifUrl(), "<tds:GetSystemDateAndTime/>", null, null, null);
        int expectedHour = Instant.now().plus(Duration.ofHours(2)).atZone(java.time.ZoneOffset.UTC).getHour();
        int hour = Integer.parseInt(time.first("Hour"));
        assertTrue(hour == expectedHour || hour == (expectedHour + 1) % 24, "hour " + hour);
        assertEquals(400, soap.call(cam.onvifUrl(), "<tds:GetDeviceInformation/>", cam.username(), cam.password(),
                Instant.now()).status(), "token dated by our clock is stale for the camera");
        assertEquals(200, soap.call(cam.onvifUrl(), "<tds:GetDeviceInformation/>", cam.username(), cam.password(),
                Instant.now().plus(Duration.ofHours(2))).status(), "token dated by the camera's clock passes");
    }

    @Test
    void pullPointDeliversMotionOnDemand() throws Exception {
        SoapTestClient.Answer sub = soap.call(cam.onvifBase() + "/onvif/events_service",
                "<tev:CreatePullPointSubscription/>", cam.username(), cam.password(), Instant.now());
        assertEquals(200, sub.status(), sub.text());
        String address = sub.first("Address");
        String pull = "<tev:PullMessages><tev:Timeout>PT1S</tev:Timeout><tev:MessageLimit>10</tev:MessageLimit>"
                + "</tev:PullMessages>";
        assertEquals(0, soap.call(address, pull, cam.username(), cam.password(), Instant.now())
                .count("NotificationMessage"));
        fleet.triggerMotion(List.of(cam.id()));
        SoapTestClient.Answer one = soap.call(address, pull, cam.username(), cam.password(), Instant.now());
        assertEquals(1, one.count("NotificationMessage"));
        assertTrue(one.first("Topic").contains("MotionAlarm"));
        assertEquals(200, soap.call(address, "<wsnt:Unsubscribe/>", cam.username(), cam.password(), Instant.now())
                .status());
    }

    @Test
    void udpTransportSendsRtpDatagramsToTheClientPorts() throws Exception {
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 3000);
                DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket rtcp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            rtp.setSoTimeout(3000);
            client.request("DESCRIBE", cam.rtspMainUrl(), Map.of());
            RawRtspClient.Response setup = client.request("SETUP", cam.rtspMainUrl() + "/trackID=0", Map.of("Transport",
                    "RTP/AVP;unicast;client_port=" + rtp.getLocalPort() + "-" + rtcp.getLocalPort()));
            assertEquals(200, setup.status());
            assertTrue(setup.header("Transport").contains("server_port="), setup.header("Transport"));
            assertEquals(200, client.request("PLAY", cam.rtspMainUrl(), Map.of("Session", client.session())).status());
            DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
            rtp.receive(packet);
            assertEquals(0x80, packet.getData()[0] & 0xC0, "RTP version 2");
            assertEquals(96, packet.getData()[1] & 0x7F);
        }
    }

    @Test
    void unknownTransportIsRefusedWith461() throws IOException {
        try (RawRtspClient client = new RawRtspClient(cam.rtspMainUrl(), cam.username(), cam.password(), 3000)) {
            client.request("DESCRIBE", cam.rtspMainUrl(), Map.of());
            assertEquals(461, client.request("SETUP", cam.rtspMainUrl() + "/trackID=0",
                    Map.of("Transport", "RTP/SAVP;multicast")).status());
        }
    }
}
