package org.skynet.vms.adapters.onvif.discovery;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the ProbeMatches answering one Probe: parses each datagram, drops malformed ones and
 * answers to another Probe (a RelatesTo that is present and differs), keeps the first match per
 * endpoint reference. Event loop only, {@link #matches()} included.
 */
final class ProbeMatchCollector extends SimpleChannelInboundHandler<DatagramPacket> {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeMatchCollector.class);
    private static final int MAX_DEVICES = 100_000;

    private final String messageUrn;
    private final Map<String, ProbeMatch> byEndpoint = new LinkedHashMap<>();

    ProbeMatchCollector(String messageUrn) {
        this.messageUrn = messageUrn;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        try {
            WsDiscoveryMessages.ProbeMatches pm = WsDiscoveryMessages.probeMatches(bytes);
            if (pm.relatesTo().isPresent() && !pm.relatesTo().get().equals(messageUrn)) {
                LOG.debug("ignoring ProbeMatches from {} for another Probe {}", packet.sender(), pm.relatesTo().get());
                return;
            }
            for (ProbeMatch m : pm.matches()) {
                if (byEndpoint.size() < MAX_DEVICES) {
                    byEndpoint.putIfAbsent(m.endpointReference(), m);
                }
            }
        } catch (OnvifException e) {
            LOG.debug("ignoring malformed WS-Discovery answer from {}: {}", packet.sender(), e.getMessage());
        }
    }

    List<ProbeMatch> matches() {
        return new ArrayList<>(byEndpoint.values());
    }
}
