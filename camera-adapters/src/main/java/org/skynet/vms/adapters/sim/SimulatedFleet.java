package org.skynet.vms.adapters.sim;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.adapters.sim.onvif.OnvifSimServer;
import org.skynet.vms.adapters.sim.rtsp.ClipLibrary;
import org.skynet.vms.adapters.sim.rtsp.RtspReplayServer;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated cameras on loopback, each with an ONVIF and an RTSP listener (or, in
 * {@link Addressing#PATHS} mode, all behind one shared pair told apart by URL path), all served by
 * one small group of Netty event loops and sharing one packetized copy of each clip.
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(10).build())) {
 *     SimulatedCamera cam = fleet.cameras().get(0);
 *     // cam.onvifUrl(), cam.rtspMainUrl(), cam.username(), cam.password()
 *     fleet.setFault(List.of(cam.id()), Fault.STALL);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #setFault} and {@link #fireEvent} may be called from any thread while
 * the fleet runs (not from one of its event loops: {@link #setFault} blocks); {@link #setFault} into
 * or out of {@link FaultKind#DOWN} unbinds or rebinds the camera's listeners (same ports) and
 * returns once that is done. Fault changes are serialised.
 */
public final class SimulatedFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedFleet.class);
    /** Binds in flight at once while starting; keeps the accept queue and memory bounded. */
    private static final int BIND_WINDOW = 512;
    private static final long BIND_TIMEOUT_SECONDS = 30;
    /** Descriptors left for client connections, jar files and the like once every listener is bound. */
    private static final long DESCRIPTOR_HEADROOM = 1024;

    private final SimConfig config;
    private final EventLoopGroup group;
    private final RtspReplayServer rtsp;
    private final OnvifSimServer onvif;
    private final List<SimulatedCamera> cameras;
    private final Map<String, SimulatedCamera> byId;
    /** The two shared listeners in {@link Addressing#PATHS} mode, empty otherwise. */
    private final List<Channel> sharedListeners = new ArrayList<>();

    private SimulatedFleet(SimConfig config, EventLoopGroup group, List<SimulatedCamera> cameras) {
        this.config = config;
        this.group = group;
        this.cameras = List.copyOf(cameras);
        this.byId = new HashMap<>();
        for (SimulatedCamera c : cameras) {
            byId.put(c.id(), c);
        }
        ClipLibrary clips = ClipLibrary.shared();
        this.rtsp = new RtspReplayServer(group, config.clock(), config.rtspAuth(), clips);
        this.onvif = new OnvifSimServer(group, config.clock());
    }

    /**
     * Creates the cameras and binds all their listeners; returns when every camera accepts
     * connections.
     *
     * @throws VmsException CONFLICT when an address/port is taken (nothing stays bound), INTERNAL when
     *     the clips cannot be loaded, LIMIT_EXCEEDED when the process runs out of file descriptors
     */
    public static SimulatedFleet start(SimConfig config) {
        boolean shared = config.addressing() == Addressing.PATHS;
        requireDescriptors(shared ? 2 : 2L * config.cameraCount());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(),
                new DefaultThreadFactory("vms-sim", true), EventLoopTransport.best().ioHandlerFactory());
        SimulatedFleet fleet;
        try {
            fleet = new SimulatedFleet(config, group, createCameras(config));
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
        try {
            if (shared) {
                fleet.bindShared();
            } else {
                fleet.bindAll(fleet.cameras);
            }
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        LOG.info("simulated fleet of {} cameras up ({} addressing, first {})", fleet.cameras.size(),
                config.addressing(), fleet.cameras.get(0));
        return fleet;
    }

    /** The configuration the fleet was started with. */
    public SimConfig config() {
        return config;
    }

    /** All cameras, in index order (camera 1 first). */
    public List<SimulatedCamera> cameras() {
        return cameras;
    }

    /** @throws VmsException NOT_FOUND if no camera has this id */
    public SimulatedCamera camera(String id) {
        SimulatedCamera c = byId.get(id);
        if (c == null) {
            throw VmsException.notFound("no simulated camera " + id);
        }
        return c;
    }

    /**
     * Switches cameras into a fault ({@link Fault#NONE} to heal them). Going DOWN closes the
     * listeners and every open connection; leaving DOWN binds the same ports again.
     *
     * @throws VmsException NOT_FOUND for an unknown id (no camera is changed), CONFLICT if a port was
     *     taken by someone else while the camera was down
     */
    public synchronized void setFault(Collection<String> cameraIds, Fault fault) {
        List<SimulatedCamera> targets = cameraIds.stream().map(this::camera).toList();
        List<SimulatedCamera> toUnbind = new ArrayList<>();
        List<SimulatedCamera> toRebind = new ArrayList<>();
        for (SimulatedCamera c : targets) {
            synchronized (c) {
                boolean wasDown = c.is(FaultKind.DOWN);
                boolean goesDown = fault.kind() == FaultKind.DOWN;
                if (goesDown && !wasDown) {
                    c.fault(fault);
                    toUnbind.add(c);
                } else if (!goesDown && wasDown) {
                    toRebind.add(c);
                } else {
                    c.fault(fault);
                }
            }
        }
        unbind(toUnbind);
        if (!sharedListeners.isEmpty()) {
            toRebind.forEach(c -> c.fault(fault));
            return;
        }
        try {
            bindAll(toRebind);
        } finally {
            // a camera whose ports could not be bound again stays DOWN
            toRebind.stream().filter(c -> c.rtspListener() != null).forEach(c -> c.fault(fault));
        }
    }

    /** One camera: see {@link #setFault(Collection, Fault)}. */
    public void setFault(String cameraId, Fault fault) {
        setFault(List.of(cameraId), fault);
    }

    /**
     * Fires an event on each camera, delivered to its ONVIF pull-point subscribers (a waiting PullMessages
     * is answered at once).
     *
     * @throws VmsException NOT_FOUND for an unknown camera id (then no camera gets the event)
     */
    public void fireEvent(Collection<String> cameraIds, SimEvent.Kind kind, boolean active) {
        SimEvent event = new SimEvent(kind, active, config.clock().instant());
        cameraIds.stream().map(this::camera).toList().forEach(c -> c.fire(event));
    }

    /** Starts motion on each camera: {@code fireEvent(cameraIds, MOTION, true)}. */
    public void triggerMotion(Collection<String> cameraIds) {
        fireEvent(cameraIds, SimEvent.Kind.MOTION, true);
    }

    /** Unbinds every listener, closes every connection and stops the event loops; waits up to 10 s. */
    @Override
    public void close() {
        unbind(cameras);
        sharedListeners.forEach(l -> l.close().awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    private static List<SimulatedCamera> createCameras(SimConfig config) {
        List<SimulatedCamera> list = new ArrayList<>(config.cameraCount());
        int first = ipv4(config.firstAddress());
        for (int i = 1; i <= config.cameraCount(); i++) {
            int offset = i - 1;
            boolean byAddress = config.addressing() == Addressing.ADDRESSES;
            String host = byAddress ? dotted(first + offset) : config.firstAddress();
            if (!host.startsWith("127.")) {
                throw VmsException.invalid("cameraCount", "camera " + i + " would leave 127.0.0.0/8 (" + host + ")");
            }
            boolean byPort = config.addressing() == Addressing.PORTS;
            int rtspPort = !byPort || config.rtspPort() == 0 ? config.rtspPort() : config.rtspPort() + offset;
            int onvifPort = !byPort || config.onvifPort() == 0 ? config.onvifPort() : config.onvifPort() + offset;
            list.add(new SimulatedCamera(config.cameraId(i), config.username(), config.password(i), host, rtspPort,
                    onvifPort, config.mainCodec(i), config.addressing() == Addressing.PATHS));
        }
        return list;
    }

    /** PATHS mode: one RTSP and one ONVIF listener for the whole fleet; every camera takes their ports. */
    private void bindShared() {
        Map<String, SimulatedCamera> directory = Map.copyOf(byId);
        ChannelFuture r = rtsp.bindShared(directory, new InetSocketAddress(config.firstAddress(), config.rtspPort()))
                .awaitUninterruptibly();
        ChannelFuture o = onvif.bindShared(directory, new InetSocketAddress(config.firstAddress(), config.onvifPort()))
                .awaitUninterruptibly();
        if (!r.isSuccess() || !o.isSuccess()) {
            closeIfBound(r);
            closeIfBound(o);
            Throwable cause = r.cause() != null ? r.cause() : o.cause();
            throw new VmsException(ErrorKind.CONFLICT, "cannot bind the shared simulator listeners on "
                    + config.firstAddress() + " (rtsp " + config.rtspPort() + ", onvif " + config.onvifPort() + "): "
                    + cause, cause);
        }
        sharedListeners.add(r.channel());
        sharedListeners.add(o.channel());
        int rtspPort = ((InetSocketAddress) r.channel().localAddress()).getPort();
        int onvifPort = ((InetSocketAddress) o.channel().localAddress()).getPort();
        cameras.forEach(c -> c.sharedPorts(rtspPort, onvifPort));
    }

    private void bindAll(List<SimulatedCamera> targets) {
        for (int from = 0; from < targets.size(); from += BIND_WINDOW) {
            List<SimulatedCamera> batch = targets.subList(from, Math.min(targets.size(), from + BIND_WINDOW));
            List<ChannelFuture> futures = new ArrayList<>(2 * batch.size());
            for (SimulatedCamera c : batch) {
                futures.add(rtsp.bind(c, new InetSocketAddress(c.host(), c.rtspPort())));
                futures.add(onvif.bind(c, new InetSocketAddress(c.host(), c.onvifPort())));
            }
            VmsException failure = null;
            for (int i = 0; i < batch.size(); i++) {
                ChannelFuture r = futures.get(2 * i).awaitUninterruptibly();
                ChannelFuture o = futures.get(2 * i + 1).awaitUninterruptibly();
                if (r.isSuccess() && o.isSuccess()) {
                    batch.get(i).bound(r.channel(), o.channel());
                } else {
                    // a failed bind's channel is already closed (or was never registered)
                    closeIfBound(r);
                    closeIfBound(o);
                    Throwable cause = r.cause() != null ? r.cause() : o.cause();
                    failure = failure != null ? failure : bindFailure(batch.get(i), cause);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Fails early when the process cannot open {@code listeners} more descriptors: running out half
     * way leaves the JVM unable even to load classes. Skipped where the count is not available.
     */
    private static void requireDescriptors(long listeners) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long free = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount();
            if (listeners + DESCRIPTOR_HEADROOM > free) {
                throw new VmsException(ErrorKind.LIMIT_EXCEEDED, "a fleet needs " + listeners
                        + " listening sockets plus " + DESCRIPTOR_HEADROOM + " spare descriptors, but only " + free
                        + " of " + os.getMaxFileDescriptorCount() + " are free: raise the limit (ulimit -n)");
            }
        }
    }

    private static void closeIfBound(ChannelFuture bind) {
        if (bind.isSuccess()) {
            bind.channel().close();
        }
    }

    private static VmsException bindFailure(SimulatedCamera camera, Throwable cause) {
        String text = String.valueOf(cause);
        ErrorKind kind = text.contains("Too many open files") ? ErrorKind.LIMIT_EXCEEDED : ErrorKind.CONFLICT;
        return new VmsException(kind, "cannot bind simulated camera " + camera.id() + " on " + camera.host() + " (rtsp "
                + camera.rtspPort() + ", onvif " + camera.onvifPort() + "): " + text, cause);
    }

    private static void unbind(List<SimulatedCamera> targets) {
        List<ChannelFuture> closing = new ArrayList<>(2 * targets.size());
        for (SimulatedCamera c : targets) {
            Channel r = c.rtspListener();
            Channel o = c.onvifListener();
            if (r != null) {
                closing.add(r.close());
            }
            if (o != null) {
                closing.add(o.close());
            }
            c.unbound();
            c.closeConnections();
        }
        closing.forEach(f -> f.awaitUninterruptibly(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static int ipv4(String address) {
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        } catch (UnknownHostException e) {
            throw VmsException.invalid("firstAddress", "not an IPv4 literal: " + address);
        }
    }

    private static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }
}
