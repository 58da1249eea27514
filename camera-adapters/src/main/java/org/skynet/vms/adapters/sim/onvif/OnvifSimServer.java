package org.skynet.vms.adapters.sim.onvif;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;

/**
 * The ONVIF HTTP server of a simulated fleet: one bootstrap, one listener per camera (see
 * {@link #bind}), one {@link OnvifSimHandler} shared by all connections ({@link OnvifSimInitializer}).
 */
public final class OnvifSimServer {
    private final ServerBootstrap bootstrap;

    /**
     * @param group event loops shared with the rest of the fleet; not closed by this server
     * @param clock true wall clock for ONVIF times
     * @throws UncheckedIOException if a template or snapshot resource is missing
     */
    public OnvifSimServer(EventLoopGroup group, Clock clock) {
        OnvifSimHandler handler = new OnvifSimHandler(new OnvifAnswers(new SoapTemplates()), loadSnapshots(), clock);
        bootstrap = new ServerBootstrap()
                .group(group)
                .channel(EventLoopTransport.of(group).serverSocketChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new OnvifSimInitializer(handler));
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

    private static Map<StreamProfile, byte[]> loadSnapshots() {
        Map<StreamProfile, byte[]> images = new EnumMap<>(StreamProfile.class);
        images.put(StreamProfile.MAIN, resource("/sim/snapshot_main.jpg"));
        images.put(StreamProfile.SUB, resource("/sim/snapshot_sub.jpg"));
        return images;
    }

    private static byte[] resource(String path) {
        try (InputStream in = OnvifSimServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + path));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }
}
