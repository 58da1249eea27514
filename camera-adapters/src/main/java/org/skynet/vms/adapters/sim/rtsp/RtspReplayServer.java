package org.skynet.vms.adapters.sim.rtsp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.RtspAuthScheme;
import org.skynet.vms.adapters.sim.SimulatedCamera;

/**
 * The RTSP server of a simulated fleet: one bootstrap, one listener per camera (see {@link #bind}),
 * connections set up by {@link RtspReplayInitializer}.
 */
public final class RtspReplayServer {
    private final ServerBootstrap bootstrap;

    /**
     * @param group event loops shared with the rest of the fleet; not closed by this server
     * @param clock true wall clock, for RTCP sender reports
     * @param scheme the authentication challenge every camera sends
     * @param clips the packetized clips, shared by all cameras
     */
    public RtspReplayServer(EventLoopGroup group, Clock clock, RtspAuthScheme scheme, ClipLibrary clips) {
        bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EventLoopTransport.of(group).serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new RtspReplayInitializer(clips, clock, scheme));
    }

    /** Starts listening for {@code camera} on {@code address} (must be loopback). */
    public ChannelFuture bind(SimulatedCamera camera, InetSocketAddress address) {
        return bootstrap.clone().attr(CameraChannels.CAMERA, camera).bind(address);
    }

    /**
     * Starts one listener on {@code address} for every camera of {@code directory}, chosen by URL path; its
     * accept queue is {@link CameraChannels#SHARED_BACKLOG} long, as the whole fleet connects through it.
     */
    public ChannelFuture bindShared(Map<String, SimulatedCamera> directory, InetSocketAddress address) {
        return bootstrap.clone().option(ChannelOption.SO_BACKLOG, CameraChannels.SHARED_BACKLOG)
                .attr(CameraChannels.DIRECTORY, directory).bind(address);
    }
}
