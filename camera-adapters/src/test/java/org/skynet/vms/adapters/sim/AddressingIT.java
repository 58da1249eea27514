package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** ADDRESSES mode: one loopback address per camera on shared fixed ports, as the 160k-camera fleet runs. */
class AddressingIT {
    @Test
    void eachCameraHasItsOwnAddressAndGoesDownAlone() throws Exception {
        int rtspPort = freePort();
        int onvifPort = freePort();
        try (SimulatedFleet fleet = SimulatedFleet.start(
                SimConfig.builder(300).addresses("127.0.3.200", rtspPort, onvifPort).build())) {
            SimulatedCamera first = fleet.cameras().get(0);
            SimulatedCamera last = fleet.cameras().get(299);
            assertEquals("127.0.3.200", first.host());
            assertEquals("127.0.4.243", last.host(), "addresses carry over into the next /24");
            assertEquals(rtspPort, last.rtspPort());
            fleet.setFault(List.of(first.id()), Fault.DOWN);
            assertThrows(ConnectException.class, () -> new Socket(first.host(), rtspPort).close());
            try (RawRtspClient client = new RawRtspClient(last.rtspMainUrl(), last.username(), last.password(), 3000)) {
                assertEquals(200, client.request("DESCRIBE", last.rtspMainUrl(), Map.of()).status());
            }
        }
    }

    @Test
    void aTakenPortFailsTheStartWithConflictAndLeavesNothingBound() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.5.2"))) {
            int onvifPort = freePort();
            VmsException e = assertThrows(VmsException.class, () -> SimulatedFleet.start(
                    SimConfig.builder(3).addresses("127.0.5.1", taken.getLocalPort(), onvifPort).build()));
            assertEquals(ErrorKind.CONFLICT, e.kind());
            assertThrows(ConnectException.class, () -> new Socket("127.0.5.1", onvifPort).close());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
