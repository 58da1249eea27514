package org.skynet.vms.adapters.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.sdp.MediaDescription;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;

/**
 * A session whose SETUP succeeded (the Ready state of RFC 2326 Appendix A): the server knows our
 * transport and gave a session id; no media flows yet. {@link #play} starts it.
 */
public final class ReadySession {
    private final RtspConnection connection;
    private final SessionDescription description;
    private final MediaDescription video;
    private final RtpPath path;

    ReadySession(RtspConnection connection, SessionDescription description, MediaDescription video, RtpPath path) {
        this.connection = connection;
        this.description = description;
        this.video = video;
        this.path = path;
    }

    /** The parsed SDP. */
    public SessionDescription description() {
        return description;
    }

    /** The video track that was set up. */
    public MediaDescription video() {
        return video;
    }

    /**
     * Installs the depacketizer, the no-data timeout and the receive path, then sends PLAY with
     * {@code Range: npt=0.000-} to the aggregate control URL and starts the keep-alive timer.
     *
     * @param listener receives access units on the event loop from now on
     */
    public CompletableFuture<PlayingSession> play(AccessUnitListener listener) {
        PlayingSession playing = new PlayingSession(connection, description, video, path, listener);
        Channel channel = connection.channel();
        CompletableFuture<Void> installed = new CompletableFuture<>();
        // Installed on the event loop before PLAY goes out, so no packet can arrive unrouted.
        channel.eventLoop().execute(() -> {
            install(playing);
            installed.complete(null);
        });
        String url = description.controlUri().toASCIIString();
        return installed
                .thenCompose(v -> connection.session().send(RtspRequest.of("PLAY", url).with("Range", "npt=0.000-")))
                .thenApply(r -> {
                    connection.session().startKeepAlive(url);
                    return playing;
                });
    }

    private void install(PlayingSession playing) {
        long noDataMillis = connection.source().timeouts().noData().toMillis();
        Channel control = connection.channel();
        RtspSessionHandler session = connection.session();
        TrackReceiver receiver = playing.receiver();
        if (path instanceof RtpPath.Interleaved tcp) {
            control.pipeline().get(RtpDemuxHandler.class).register(tcp.channels(), receiver);
            control.pipeline().addBefore(RtspClientInitializer.FRAMES, "no-data", idle(noDataMillis));
        } else if (path instanceof RtpPath.Udp udp) {
            InetAddress camera = ((InetSocketAddress) control.remoteAddress()).getAddress();
            ChannelPipeline rtp = udp.ports().rtp().pipeline();
            rtp.addLast("no-data", idle(noDataMillis));
            rtp.addLast("rtp", new UdpRtpHandler(receiver::rtp, session::streamStalled, camera));
            udp.ports().rtcp().pipeline().addLast("rtcp", new UdpRtpHandler(receiver::rtcp, () -> { }, camera));
            session.keepSessionOnPeerClose(playing::controlConnectionLost);
        }
    }

    private static IdleStateHandler idle(long millis) {
        return new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS);
    }
}
