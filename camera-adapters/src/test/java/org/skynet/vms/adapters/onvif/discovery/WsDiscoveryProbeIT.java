package org.skynet.vms.adapters.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifNamespaces;
import org.skynet.vms.adapters.onvif.OnvifTestData;
import org.skynet.vms.adapters.onvif.OnvifXml;

/**
 * WS-Discovery over UDP on loopback only: a responder thread on 127.0.0.1 answers the Probe with
 * golden ProbeMatches (plus noise the probe must ignore).
 */
class WsDiscoveryProbeIT {
    private static final UUID ID = UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100");
    private static final String GOLDEN_RELATES_TO = "urn:uuid:11111111-2222-4333-8444-555555555555";
    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void unicastProbeCollectsDistinctMatchesAndIgnoresNoise() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread responder = responder(socket);
            List<ProbeMatch> matches = new WsDiscoveryProbe(group)
                    .probeUnicast((InetSocketAddress) socket.getLocalSocketAddress(), Duration.ofMillis(700), ID)
                    .get(5, TimeUnit.SECONDS);
            responder.join(5000);
            assertEquals(List.of("urn:uuid:5f4a3b2c-0000-4000-8000-accc8e000001",
                    "uuid:bbbbbbbb-0000-4000-8000-000000000021"),
                    matches.stream().map(ProbeMatch::endpointReference).toList());
            assertEquals(Optional.of("AXIS P3245-LVE"), matches.get(0).name());
            assertEquals(URI.create("http://192.0.2.21/onvif/device_service"), matches.get(1).xaddrs().get(0));
        }
    }

    @Test
    void multicastProbeConfinedToLoopback() throws Exception {
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        InetAddress groupAddress = WsDiscoveryProbe.MULTICAST_GROUP.getAddress();
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(0))) {
            try {
                socket.joinGroup(new InetSocketAddress(groupAddress, 0), lo);
            } catch (SocketException e) {
                Assumptions.abort("loopback cannot join " + groupAddress + " here: " + e.getMessage());
            }
            Thread responder = responder(socket);
            InetSocketAddress target = new InetSocketAddress(groupAddress, socket.getLocalPort());
            List<ProbeMatch> matches = new WsDiscoveryProbe(group).probeMulticast(lo, target, Duration.ofMillis(700), ID)
                    .get(5, TimeUnit.SECONDS);
            responder.join(5000);
            assertEquals(2, matches.size(), matches.toString());
            assertTrue(matches.get(0).isNetworkVideoTransmitter());
        }
    }

    /** Answers the first Probe with noise, the two golden devices and a duplicate, then ends. */
    private static Thread responder(DatagramSocket socket) {
        Thread t = new Thread(() -> {
            try {
                byte[] buf = new byte[65_535];
                DatagramPacket probe = new DatagramPacket(buf, buf.length);
                socket.setSoTimeout(5000);
                socket.receive(probe);
                byte[] request = java.util.Arrays.copyOf(probe.getData(), probe.getLength());
                String messageId = OnvifXml.descendant(OnvifXml.parse(request).getDocumentElement(),
                        OnvifNamespaces.WSA_2004, "MessageID").map(OnvifXml::text).orElseThrow();
                byte[][] answers = {
                    "not xml at all".getBytes(StandardCharsets.UTF_8),
                    OnvifTestData.bytes("axis_ProbeMatches.xml"),
                    answer("axis_ProbeMatches.xml", messageId),
                    answer("dahua_ProbeMatches.xml", messageId),
                    answer("axis_ProbeMatches.xml", messageId),
                };
                for (byte[] a : answers) {
                    socket.send(new DatagramPacket(a, a.length, probe.getSocketAddress()));
                }
            } catch (IOException e) {
                throw new IllegalStateException("responder failed", e);
            }
        }, "ws-discovery-responder");
        t.start();
        return t;
    }

    private static byte[] answer(String golden, String relatesTo) {
        return new String(OnvifTestData.bytes(golden), StandardCharsets.UTF_8)
                .replace(GOLDEN_RELATES_TO, relatesTo).getBytes(StandardCharsets.UTF_8);
    }
}
