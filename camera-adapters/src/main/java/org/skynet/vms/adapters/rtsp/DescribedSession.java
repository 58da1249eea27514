package org.skynet.vms.adapters.rtsp;

import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtsp.TransportHeader.LowerTransport;
import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;
import org.skynet.vms.adapters.rtsp.sdp.MediaDescription;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;

/**
 * A connection whose DESCRIBE succeeded: the SDP is known, nothing is set up yet. {@link #setup()}
 * sets up the first H.264/H.265 video track and leads to {@link ReadySession}. Audio and further
 * tracks are not set up.
 */
public final class DescribedSession {
    /** Interleaved channels requested for the video track. */
    static final PortPair VIDEO_CHANNELS = new PortPair(0, 1);

    private final RtspConnection connection;
    private final SessionDescription description;

    DescribedSession(RtspConnection connection, SessionDescription description) {
        this.connection = connection;
        this.description = description;
    }

    /** The parsed SDP. */
    public SessionDescription description() {
        return description;
    }

    /** The connection, e.g. to close it without going on. */
    public RtspConnection connection() {
        return connection;
    }

    /**
     * Sends SETUP for the video track with the source's {@link RtpTransport}. Fails with
     * {@code UNSUPPORTED} when the SDP has no H.264/H.265 video or uses a packetization we do not
     * depacketize, and with {@code PROTOCOL} when the response lacks a usable Transport or Session.
     */
    public CompletableFuture<ReadySession> setup() {
        MediaDescription video;
        try {
            video = supportedVideo();
        } catch (RtspException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (connection.source().transport() == RtpTransport.UDP) {
            return UdpPortPair.bind(connection.channel()).thenCompose(ports ->
                    sendSetup(video, TransportHeader.udp(ports.ports()))
                            .thenApply(reply -> new ReadySession(connection, description, video,
                                    RtpPath.udp(ports)))
                            .whenComplete((r, e) -> {
                                if (e != null) {
                                    ports.close();
                                }
                            }));
        }
        return sendSetup(video, TransportHeader.interleaved(VIDEO_CHANNELS)).thenApply(reply -> {
            PortPair channels = reply.interleaved() == null ? VIDEO_CHANNELS : reply.interleaved();
            return new ReadySession(connection, description, video, RtpPath.interleaved(channels));
        });
    }

    private CompletableFuture<TransportHeader> sendSetup(MediaDescription video, TransportHeader requested) {
        String url = video.controlUri().toASCIIString();
        RtspRequest setup = RtspRequest.of("SETUP", url).with("Transport", requested.format());
        return connection.session().send(setup).thenApply(r -> {
            TransportHeader reply;
            try {
                reply = TransportHeader.parse(r.header("Transport"));
            } catch (RtspException e) {
                throw RtspException.forRequest(ErrorKind.PROTOCOL, "SETUP", -1, url, e.getMessage());
            }
            if (reply.lowerTransport() != requested.lowerTransport()) {
                throw RtspException.forRequest(ErrorKind.UNSUPPORTED, "SETUP", -1, url, "asked for "
                        + requested.lowerTransport() + ", server answered '" + r.header("Transport") + "'");
            }
            if (r.header("Session") == null) {
                throw RtspException.forRequest(ErrorKind.PROTOCOL, "SETUP", -1, url, "response without Session");
            }
            return reply;
        });
    }

    private MediaDescription supportedVideo() {
        String url = connection.source().requestUrl();
        MediaDescription video = description.firstSupportedVideo().orElseThrow(() -> RtspException.forRequest(
                ErrorKind.UNSUPPORTED, "SETUP", -1, url, "no H.264 or H.265 video track in the SDP"));
        if (video.codec() == Codec.H264 && video.packetizationMode() != 0 && video.packetizationMode() != 1) {
            throw RtspException.forRequest(ErrorKind.UNSUPPORTED, "SETUP", -1, url,
                    "H.264 packetization-mode " + video.packetizationMode() + " is not supported");
        }
        if (video.codec() == Codec.H265 && video.maxDonDiff() != 0) {
            throw RtspException.forRequest(ErrorKind.UNSUPPORTED, "SETUP", -1, url,
                    "H.265 with DONL (sprop-max-don-diff) is not supported");
        }
        return video;
    }
}
