package org.skynet.vms.adapters.sim;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.media.Codec;

/**
 * One simulated camera: an entry in the fleet's table (id, credentials, address, fault, open
 * connections), cheap enough to hold 160,000 of them. Its listening sockets belong to the fleet; the RTSP and ONVIF
 * handlers read this object on every request, so a fault switched here applies to the next request
 * and the next replayed frame.
 *
 * <p>Thread-safe: the fault is volatile, the event log synchronized, everything else is final or written
 * by the fleet while binding.
 */
public final class SimulatedCamera {
    /** What the camera's password becomes under {@link FaultKind#WRONG_PASSWORD}: the fleet's is refused. */
    private static final String CHANGED_PASSWORD_SUFFIX = "#changed-on-device";
    private static final String ONVIF_ROOT = "/onvif/";

    private final String id;
    private final String username;
    private final String password;
    private final String host;
    private final Codec mainCodec;
    /** Whether the camera sits behind the fleet's shared listeners, named by its id in URL paths. */
    private final boolean inPath;
    private volatile int rtspPort;
    private volatile int onvifPort;
    private volatile Fault fault = Fault.NONE;
    /** Created on the first subscription or event, so an idle camera costs nothing. */
    private SimEventLog events;
    private final AtomicLong optionsReceived = new AtomicLong();
    private final AtomicLong describesReceived = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile Channel rtspListener;
    private volatile Channel onvifListener;
    /** Accepted connections still open; created on the first one, so an idle camera costs nothing. */
    private Set<Channel> connections;

    SimulatedCamera(String id, String username, String password, String host, int rtspPort, int onvifPort,
            Codec mainCodec) {
        this(id, username, password, host, rtspPort, onvifPort, mainCodec, false);
    }

    /** @param inPath true in {@link Addressing#PATHS} mode: URLs carry the id ({@code /<id>/main}, {@code /onvif/<id>/...}) */
    SimulatedCamera(String id, String username, String password, String host, int rtspPort, int onvifPort,
            Codec mainCodec, boolean inPath) {
        this.inPath = inPath;
        this.id = Objects.requireNonNull(id, "id");
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        this.host = Objects.requireNonNull(host, "host");
        this.rtspPort = rtspPort;
        this.onvifPort = onvifPort;
        this.mainCodec = Objects.requireNonNull(mainCodec, "mainCodec");
    }

    /** Camera id; also the ONVIF serial number. */
    public String id() {
        return id;
    }

    /** The user name clients should use (valid unless the fault is {@link FaultKind#WRONG_PASSWORD}). */
    public String username() {
        return username;
    }

    /** The password clients should use (refused while the fault is {@link FaultKind#WRONG_PASSWORD}). */
    public String password() {
        return password;
    }

    /** Loopback address the camera listens on, e.g. {@code 127.0.1.7}. */
    public String host() {
        return host;
    }

    public int rtspPort() {
        return rtspPort;
    }

    public int onvifPort() {
        return onvifPort;
    }

    /** Codec of the main stream ({@link StreamProfile#SUB} is always H.264). */
    public Codec mainCodec() {
        return mainCodec;
    }

    /**
     * ONVIF device service address, e.g. {@code http://127.0.0.1:8000/onvif/device_service}
     * ({@code .../onvif/sim-000001/device_service} in {@link Addressing#PATHS} mode).
     */
    public String onvifUrl() {
        return onvifServiceUrl("/onvif/device_service");
    }

    /**
     * Full URL of one of the camera's ONVIF paths, given as served on a camera of its own
     * (e.g. {@code /onvif/media_service}); in {@link Addressing#PATHS} mode the id is inserted after {@code /onvif}.
     */
    public String onvifServiceUrl(String onvifPath) {
        if (inPath && onvifPath.startsWith(ONVIF_ROOT)) {
            return onvifBase() + ONVIF_ROOT + id + onvifPath.substring(ONVIF_ROOT.length() - 1);
        }
        return onvifBase() + onvifPath;
    }

    /** {@code http://host:port} of the ONVIF server, without a path (shared by the fleet in PATHS mode). */
    public String onvifBase() {
        return "http://" + host + ":" + onvifPort;
    }

    /**
     * RTSP URL of a profile, without credentials, e.g. {@code rtsp://127.0.0.1:8554/main}
     * ({@code rtsp://127.0.0.1:8554/sim-000001/main} in {@link Addressing#PATHS} mode).
     */
    public String rtspUrl(StreamProfile profile) {
        return "rtsp://" + host + ":" + rtspPort + "/" + (inPath ? id + "/" : "") + profile.token();
    }

    /** RTSP URL of the main stream. */
    public String rtspMainUrl() {
        return rtspUrl(StreamProfile.MAIN);
    }

    /** RTSP URL of the sub stream. */
    public String rtspSubUrl() {
        return rtspUrl(StreamProfile.SUB);
    }

    /** The fault the camera is in now ({@link Fault#NONE} when healthy). */
    public Fault fault() {
        return fault;
    }

    /** Whether the camera is currently in a fault of this kind. */
    public boolean is(FaultKind kind) {
        return fault.kind() == kind;
    }

    /**
     * The password the simulated device checks against right now: {@link #password()} unless the
     * fault is {@link FaultKind#WRONG_PASSWORD}. For server-side verification only.
     */
    public String devicePassword() {
        return is(FaultKind.WRONG_PASSWORD) ? password + CHANGED_PASSWORD_SUFFIX : password;
    }

    /** The camera's own clock reading when the true time is {@code now} ({@link FaultKind#CLOCK_DRIFT} applies). */
    public Instant deviceTime(Instant now) {
        return now.plus(fault.clockDrift());
    }

    /** How long to hold every answer ({@link FaultKind#SLOW}), zero otherwise. */
    public Duration answerDelay() {
        return fault.delay();
    }

    /** The profile actually served for a requested one: {@link FaultKind#SD_ONLY} turns main into sub. */
    public StreamProfile servedProfile(StreamProfile requested) {
        return is(FaultKind.SD_ONLY) ? StreamProfile.SUB : requested;
    }

    /** The codec actually served for a requested profile. */
    public Codec servedCodec(StreamProfile requested) {
        return servedProfile(requested) == StreamProfile.MAIN ? mainCodec : Codec.H264;
    }

    /** The camera's events, read by its ONVIF pull-point subscriptions. */
    public synchronized SimEventLog events() {
        if (events == null) {
            events = new SimEventLog();
        }
        return events;
    }

    /** RTSP OPTIONS requests this camera has answered so far (what a health probe sends). */
    public long optionsReceived() {
        return optionsReceived.get();
    }

    /** Counts one OPTIONS request (the camera's RTSP server calls this). */
    public void optionsAnswered() {
        optionsReceived.incrementAndGet();
    }

    /** RTSP DESCRIBE requests this camera has received so far (a health probe's deeper check, or a stream start). */
    public long describesReceived() {
        return describesReceived.get();
    }

    /** Counts one DESCRIBE request (the camera's RTSP server calls this). */
    public void describeReceived() {
        describesReceived.incrementAndGet();
    }

    /**
     * Connections and requests turned away so far because the camera was {@link FaultKind#DOWN} or
     * {@link FaultKind#REFUSING}: what a health probe of a failed camera meets.
     */
    public long refusals() {
        return refusals.get();
    }

    /** Counts one connection or request turned away (the camera's listeners call this). */
    public void refused() {
        refusals.incrementAndGet();
    }

    /** Fires an event, delivered to every open ONVIF pull-point subscription of this camera. */
    public void fire(SimEvent event) {
        events().fire(event);
    }

    @Override
    public String toString() {
        return "SimulatedCamera[" + id + " " + host + " rtsp:" + rtspPort + " onvif:" + onvifPort + " "
                + fault.kind() + "]";
    }

    void fault(Fault newFault) {
        this.fault = Objects.requireNonNull(newFault, "fault");
    }

    void bound(Channel rtsp, Channel onvif) {
        this.rtspListener = rtsp;
        this.onvifListener = onvif;
        this.rtspPort = ((InetSocketAddress) rtsp.localAddress()).getPort();
        this.onvifPort = ((InetSocketAddress) onvif.localAddress()).getPort();
    }

    /** Ports of the fleet's shared listeners ({@link Addressing#PATHS}). */
    void sharedPorts(int rtsp, int onvif) {
        this.rtspPort = rtsp;
        this.onvifPort = onvif;
    }

    Channel rtspListener() {
        return rtspListener;
    }

    Channel onvifListener() {
        return onvifListener;
    }

    void unbound() {
        this.rtspListener = null;
        this.onvifListener = null;
    }

    /** Remembers an accepted connection until it closes. */
    synchronized void connected(Channel accepted) {
        if (connections == null) {
            connections = ConcurrentHashMap.newKeySet();
        }
        Set<Channel> open = connections;
        open.add(accepted);
        accepted.closeFuture().addListener(f -> open.remove(accepted));
    }

    /** Accepted connections (RTSP and ONVIF) open now: what a test counts to prove a shared upstream. */
    public synchronized int openConnections() {
        return connections == null ? 0 : connections.size();
    }

    /** Closes every accepted connection (going {@code DOWN}). */
    synchronized void closeConnections() {
        if (connections != null) {
            List.copyOf(connections).forEach(Channel::close);
        }
    }
}
