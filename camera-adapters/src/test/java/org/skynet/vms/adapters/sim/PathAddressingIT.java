package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PATHS mode: the whole fleet behind one RTSP and one ONVIF listener, the camera named by the URL path. */
class PathAddressingIT {
    private final SoapTestClient soap = new SoapTestClient();

    @Test
    void camerasShareOnePortPairAndKeepTheirOwnCredentialsAndFaults() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(3).paths("127.0.0.1", 0, 0).build())) {
            SimulatedCamera first = fleet.cameras().get(0);
            SimulatedCamera second = fleet.cameras().get(1);
            assertEquals(first.rtspPort(), second.rtspPort());
            assertEquals("rtsp://127.0.0.1:" + second.rtspPort() + "/sim-000002/main", second.rtspMainUrl());
            assertEquals("http://127.0.0.1:" + second.onvifPort() + "/onvif/sim-000002/device_service", second.onvifUrl());

            try (RawRtspClient client = new RawRtspClient(second.rtspMainUrl(), second.username(), second.password(), 3000)) {
                RawRtspClient.Response describe = client.request("DESCRIBE", second.rtspMainUrl(), Map.of());
                assertEquals(200, describe.status());
                assertEquals(second.rtspMainUrl() + "/", describe.header("content-base"));
                assertEquals(200, client.play(second.rtspSubUrl()).status());
                RawRtspClient.Frame frame = client.readFrame();
                assertTrue(frame.data().length > 0, "interleaved RTP/RTCP arrives on the shared port");
            }
            try (RawRtspClient wrongCamera = new RawRtspClient(first.rtspMainUrl(), second.username(), second.password(), 3000)) {
                assertEquals(401, wrongCamera.request("DESCRIBE", first.rtspMainUrl(), Map.of()).status(),
                        "camera 1 does not accept camera 2's password");
            }
            SoapTestClient.Answer info = soap.call(second.onvifUrl(), "<tds:GetDeviceInformation/>", second.username(),
                    second.password(), Instant.now());
            assertEquals(200, info.status());
            assertEquals("sim-000002", info.first("SerialNumber"));
            SoapTestClient.Answer caps = soap.call(second.onvifUrl(), "<tds:GetCapabilities/>", null, null, Instant.now());
            assertTrue(caps.text().contains(second.onvifServiceUrl("/onvif/media_service")), caps.text());
            assertEquals(404, soap.get("http://127.0.0.1:" + second.onvifPort() + "/onvif/sim-999999/snapshot/main.jpg")
                    .statusCode(), "unknown camera id");
            assertEquals(200, soap.get(second.onvifServiceUrl("/onvif/snapshot/main.jpg")).statusCode());

            fleet.setFault(List.of(first.id()), Fault.DOWN);
            try (RawRtspClient down = new RawRtspClient(first.rtspMainUrl(), first.username(), first.password(), 3000)) {
                assertThrows(IOException.class, () -> down.request("OPTIONS", first.rtspMainUrl(), Map.of()),
                        "a DOWN camera's connection closes without an answer");
            }
            assertThrows(IOException.class, () -> soap.call(first.onvifUrl(), "<tds:GetSystemDateAndTime/>", null, null,
                    Instant.now()));
            try (RawRtspClient up = new RawRtspClient(second.rtspMainUrl(), null, null, 3000)) {
                assertEquals(200, up.request("OPTIONS", second.rtspMainUrl(), Map.of()).status());
            }
            fleet.setFault(List.of(first.id()), Fault.NONE);
            try (RawRtspClient healed = new RawRtspClient(first.rtspMainUrl(), null, null, 3000)) {
                assertEquals(200, healed.request("OPTIONS", first.rtspMainUrl(), Map.of()).status());
            }
        }
    }

    @Test
    void aCityOf160000CamerasStartsCheaply() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(160_000).paths("127.0.0.1", 0, 0).build())) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heapMiB = (memory.getHeapMemoryUsage().getUsed() - heapBefore) >> 20;
            System.err.printf("160,000 cameras in PATHS mode: start %.2f s, heap +%d MiB%n", seconds, heapMiB);
            assertEquals(160_000, fleet.cameras().size());
            assertTrue(seconds < 20, "start took " + seconds + " s");
            assertTrue(heapMiB < 200, "fleet heap " + heapMiB + " MiB");
        }
    }
}
