package org.skynet.vms.adapters.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Objects;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.errors.VmsException;

/**
 * What to start: how many cameras, where they listen, what they stream and which credentials
 * they accept. Build one with {@link #builder(int)}; defaults suit the demo.
 *
 * <p>Credentials: camera {@code i} (1-based) has id {@code idPrefix + i} (zero-padded to 6 digits),
 * user {@link #username()} and password {@code passwordPrefix + i} (same padding), so a registry
 * import can derive them without talking to the fleet.
 *
 * @param cameraCount number of cameras, 1..200,000
 * @param addressing whether cameras differ by port or by loopback address
 * @param firstAddress first camera's address ({@link Addressing#ADDRESSES}) or the one address for all
 *     ({@link Addressing#PORTS}); must be in 127.0.0.0/8
 * @param rtspPort RTSP port: fixed port in ADDRESSES mode; first camera's port in PORTS mode (0 = ephemeral); the
 *     one shared port in PATHS mode (0 = ephemeral)
 * @param onvifPort ONVIF HTTP port, same rules as {@code rtspPort}
 * @param mainCodec codec of the main stream (the sub stream is always H.264)
 * @param h265Every when {@code mainCodec} is H.264, every {@code h265Every}-th camera (index divisible
 *     by it) streams H.265 on main instead, for a mixed fleet; 0 = none
 * @param idPrefix prefix of camera ids
 * @param username user name every camera accepts
 * @param passwordPrefix prefix of the per-camera passwords
 * @param rtspAuth which RTSP challenge the cameras send
 * @param eventLoopThreads Netty I/O threads shared by all cameras (0 = Netty's default, twice the cores)
 * @param clock true wall clock (RTCP sender reports, ONVIF times); tests may pass a fixed one
 */
public record SimConfig(
        int cameraCount,
        Addressing addressing,
        String firstAddress,
        int rtspPort,
        int onvifPort,
        Codec mainCodec,
        int h265Every,
        String idPrefix,
        String username,
        String passwordPrefix,
        RtspAuthScheme rtspAuth,
        int eventLoopThreads,
        Clock clock) {

    /** Largest fleet accepted: enough for the 160,000-camera city plus headroom. */
    public static final int MAX_CAMERAS = 200_000;

    public SimConfig {
        if (cameraCount < 1 || cameraCount > MAX_CAMERAS) {
            throw VmsException.invalid("cameraCount", "must be 1.." + MAX_CAMERAS + ", got " + cameraCount);
        }
        Objects.requireNonNull(addressing, "addressing");
        Objects.requireNonNull(mainCodec, "mainCodec");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordPrefix, "passwordPrefix");
        Objects.requireNonNull(rtspAuth, "rtspAuth");
        Objects.requireNonNull(clock, "clock");
        requireLoopback(firstAddress);
        requirePort("rtspPort", rtspPort);
        requirePort("onvifPort", onvifPort);
        if (addressing == Addressing.ADDRESSES && (rtspPort == 0 || onvifPort == 0)) {
            throw VmsException.invalid("rtspPort", "ADDRESSES addressing needs fixed ports, not 0");
        }
        if (addressing == Addressing.PORTS && rtspPort != 0
                && Math.max(rtspPort, onvifPort) + cameraCount > 65_536) {
            throw VmsException.invalid("cameraCount", cameraCount + " cameras do not fit in the port range"
                    + " from " + Math.min(rtspPort, onvifPort) + "; use ADDRESSES addressing");
        }
        if (addressing == Addressing.PORTS && rtspPort != 0 && onvifPort != 0
                && rtspPort < onvifPort + cameraCount && onvifPort < rtspPort + cameraCount) {
            throw VmsException.invalid("onvifPort", "RTSP ports " + rtspPort + ".." + (rtspPort + cameraCount - 1)
                    + " overlap ONVIF ports " + onvifPort + ".." + (onvifPort + cameraCount - 1));
        }
        if (addressing == Addressing.PORTS && (rtspPort == 0) != (onvifPort == 0)) {
            throw VmsException.invalid("rtspPort", "give both base ports or neither (0 = ephemeral)");
        }
        if (addressing == Addressing.ADDRESSES && rtspPort == onvifPort) {
            throw VmsException.invalid("onvifPort", "RTSP and ONVIF need different ports");
        }
        if (addressing == Addressing.PATHS && rtspPort != 0 && rtspPort == onvifPort) {
            throw VmsException.invalid("onvifPort", "RTSP and ONVIF need different ports");
        }
        if (h265Every < 0) {
            throw VmsException.invalid("h265Every", "must be >= 0");
        }
        if (eventLoopThreads < 0) {
            throw VmsException.invalid("eventLoopThreads", "must be >= 0");
        }
    }

    /** Defaults: PORTS on 127.0.0.1 with ephemeral ports, H.264 main, Digest auth, user {@code admin}. */
    public static Builder builder(int cameraCount) {
        return new Builder(cameraCount);
    }

    /** Id of camera {@code index} (1-based). */
    public String cameraId(int index) {
        return idPrefix + pad(index);
    }

    /** Main-stream codec of camera {@code index} (1-based). */
    public Codec mainCodec(int index) {
        return h265Every > 0 && index % h265Every == 0 ? Codec.H265 : mainCodec;
    }

    /** Password of camera {@code index} (1-based). */
    public String password(int index) {
        return passwordPrefix + pad(index);
    }

    private static String pad(int index) {
        return String.format("%06d", index);
    }

    private static void requirePort(String field, int port) {
        if (port < 0 || port > 65_535) {
            throw VmsException.invalid(field, "not a port: " + port);
        }
    }

    private static void requireLoopback(String address) {
        try {
            // the prefix check first, so that a host name is refused without a DNS lookup
            if (address == null || !address.startsWith("127.") || !InetAddress.getByName(address).isLoopbackAddress()) {
                throw VmsException.invalid("firstAddress", "simulated cameras listen on 127.0.0.0/8 only: " + address);
            }
        } catch (UnknownHostException e) {
            throw VmsException.invalid("firstAddress", "not an IPv4 literal: " + address);
        }
    }

    /** Mutable builder for {@link SimConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private final int cameraCount;
        private Addressing addressing = Addressing.PORTS;
        private String firstAddress = "127.0.0.1";
        private int rtspPort;
        private int onvifPort;
        private Codec mainCodec = Codec.H264;
        private int h265Every;
        private String idPrefix = "sim-";
        private String username = "admin";
        private String passwordPrefix = "pass-";
        private RtspAuthScheme rtspAuth = RtspAuthScheme.DIGEST;
        private int eventLoopThreads;
        private Clock clock = Clock.systemUTC();

        private Builder(int cameraCount) {
            this.cameraCount = cameraCount;
        }

        /** Cameras on consecutive ports of {@code address}, from the base ports (0 = ephemeral). */
        public Builder ports(String address, int rtspBasePort, int onvifBasePort) {
            this.addressing = Addressing.PORTS;
            this.firstAddress = address;
            this.rtspPort = rtspBasePort;
            this.onvifPort = onvifBasePort;
            return this;
        }

        /** One loopback address per camera from {@code firstAddress}, all on the same two ports. */
        public Builder addresses(String firstAddress, int rtspPort, int onvifPort) {
            this.addressing = Addressing.ADDRESSES;
            this.firstAddress = firstAddress;
            this.rtspPort = rtspPort;
            this.onvifPort = onvifPort;
            return this;
        }

        /**
         * All cameras behind one RTSP and one ONVIF listener on {@code address}, told apart by the URL path
         * (ports 0 = ephemeral).
         */
        public Builder paths(String address, int rtspPort, int onvifPort) {
            this.addressing = Addressing.PATHS;
            this.firstAddress = address;
            this.rtspPort = rtspPort;
            this.onvifPort = onvifPort;
            return this;
        }

        public Builder mainCodec(Codec codec) {
            this.mainCodec = codec;
            return this;
        }

        /** Every {@code n}-th camera streams H.265 on main (a mixed fleet); 0 = none. */
        public Builder h265Every(int n) {
            this.h265Every = n;
            return this;
        }

        public Builder idPrefix(String prefix) {
            this.idPrefix = prefix;
            return this;
        }

        public Builder credentials(String username, String passwordPrefix) {
            this.username = username;
            this.passwordPrefix = passwordPrefix;
            return this;
        }

        public Builder rtspAuth(RtspAuthScheme scheme) {
            this.rtspAuth = scheme;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws VmsException INVALID_ARGUMENT naming the bad field */
        public SimConfig build() {
            return new SimConfig(cameraCount, addressing, firstAddress, rtspPort, onvifPort, mainCodec, h265Every,
                    idPrefix, username, passwordPrefix, rtspAuth, eventLoopThreads, clock);
        }
    }
}
