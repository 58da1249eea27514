package org.skynet.vms.adapters.rtsp;

import java.util.Locale;

/**
 * One transport specification of an RTSP {@code Transport} header (RFC 2326 §12.39), e.g.
 * {@code RTP/AVP/TCP;unicast;interleaved=0-1} or
 * {@code RTP/AVP;unicast;client_port=50000-50001;server_port=6970-6971;ssrc=1A2B3C4D}.
 * Parameters we do not use ({@code mode}, {@code ttl}, {@code destination}, ...) are ignored when
 * parsing and not written when formatting.
 *
 * @param lowerTransport how RTP travels
 * @param interleaved    channel pair for {@link LowerTransport#TCP}, or {@code null}
 * @param clientPort     our UDP port pair, or {@code null}
 * @param serverPort     the camera's UDP port pair, or {@code null}
 * @param ssrc           the SSRC the server announces, as sent (hex), or {@code null}
 */
public record TransportHeader(LowerTransport lowerTransport, PortPair interleaved, PortPair clientPort,
        PortPair serverPort, String ssrc) {

    /** Limit on a header value we parse. */
    static final int MAX_CHARS = 1024;

    /** The lower transport of a transport spec. */
    public enum LowerTransport {
        /** {@code RTP/AVP} or {@code RTP/AVP/UDP}: RTP and RTCP on a UDP port pair. */
        UDP,
        /** {@code RTP/AVP/TCP}: RTP and RTCP interleaved in the RTSP connection. */
        TCP
    }

    /**
     * Two numbers written {@code a-b}: RTP then RTCP, as ports or interleaved channels. A single
     * number {@code a} means {@code a-(a+1)}, which several cameras send.
     *
     * @param rtp  the RTP port or channel
     * @param rtcp the RTCP port or channel
     */
    public record PortPair(int rtp, int rtcp) {
        @Override
        public String toString() {
            return rtp + "-" + rtcp;
        }

        static PortPair parse(String name, String value, int max) {
            String[] parts = value.trim().split("-", 2);
            int rtp = parseNumber(name, parts[0], max);
            int rtcp = parts.length == 2 ? parseNumber(name, parts[1], max) : rtp + 1;
            return new PortPair(rtp, rtcp);
        }
    }

    /** A request for RTP interleaved on {@code channels}. */
    public static TransportHeader interleaved(PortPair channels) {
        return new TransportHeader(LowerTransport.TCP, channels, null, null, null);
    }

    /** A request for RTP over UDP to our {@code ports}. */
    public static TransportHeader udp(PortPair ports) {
        return new TransportHeader(LowerTransport.UDP, null, ports, null, null);
    }

    /** The header value for a SETUP request. */
    public String format() {
        StringBuilder b = new StringBuilder(lowerTransport == LowerTransport.TCP ? "RTP/AVP/TCP" : "RTP/AVP");
        b.append(";unicast");
        if (interleaved != null) {
            b.append(";interleaved=").append(interleaved);
        }
        if (clientPort != null) {
            b.append(";client_port=").append(clientPort);
        }
        if (serverPort != null) {
            b.append(";server_port=").append(serverPort);
        }
        if (ssrc != null) {
            b.append(";ssrc=").append(ssrc);
        }
        return b.toString();
    }

    /**
     * Parses the first transport spec of a header value (a server answers with exactly one; a list is
     * only sent by clients). Case-insensitive and tolerant of blanks around {@code ;} and {@code =}.
     *
     * @throws RtspException of kind {@code PROTOCOL} when the value is not a transport spec we can use
     */
    public static TransportHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw RtspException.protocol("missing Transport header");
        }
        if (value.length() > MAX_CHARS) {
            throw RtspException.protocol("Transport header of " + value.length() + " chars exceeds " + MAX_CHARS);
        }
        String first = value.split(",", 2)[0];
        String[] parts = first.split(";");
        String protocol = parts[0].trim().toUpperCase(Locale.ROOT);
        LowerTransport lower = switch (protocol) {
            case "RTP/AVP", "RTP/AVP/UDP" -> LowerTransport.UDP;
            case "RTP/AVP/TCP" -> LowerTransport.TCP;
            default -> throw RtspException.protocol("unsupported transport protocol '" + parts[0].trim() + "'");
        };
        PortPair interleaved = null;
        PortPair client = null;
        PortPair server = null;
        String ssrc = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String val = kv.length == 2 ? kv[1].trim() : "";
            switch (key) {
                case "interleaved" -> interleaved = PortPair.parse(key, val, 255);
                case "client_port" -> client = PortPair.parse(key, val, 65535);
                case "server_port" -> server = PortPair.parse(key, val, 65535);
                case "ssrc" -> ssrc = val.isEmpty() ? null : val;
                default -> {
                    // unicast, mode, source, destination, ttl, ...: not needed by a playing client
                }
            }
        }
        return new TransportHeader(lower, interleaved, client, server, ssrc);
    }

    private static int parseNumber(String name, String s, int max) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0 || n > max) {
                throw RtspException.protocol("Transport " + name + " value " + n + " out of range");
            }
            return n;
        } catch (NumberFormatException e) {
            throw RtspException.protocol("Transport " + name + " value '" + s.trim() + "' is not a number");
        }
    }
}
