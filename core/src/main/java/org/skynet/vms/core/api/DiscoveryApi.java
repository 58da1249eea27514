package org.skynet.vms.core.api;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.onvif.discovery.ProbeMatch;
import org.skynet.vms.adapters.onvif.discovery.WsDiscoveryProbe;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * {@code POST /api/discovery} (technicians and admins): a WS-Discovery Probe for ONVIF cameras, multicast
 * on the server's first multicast-capable IPv4 interface, or unicast to one {@code address} (IPv4 literal,
 * optional {@code :port}, default 3702). Answers the ProbeMatches collected within {@code timeoutMillis}.
 * See {@code docs/ref/api.md#onboarding}.
 */
public final class DiscoveryApi {
    private static final Access RUN = Access.roles(Role.TECHNICIAN, Role.ADMIN);
    private static final int DEFAULT_TIMEOUT_MILLIS = 2000;
    private static final int MAX_TIMEOUT_MILLIS = 10_000;
    private static final int WS_DISCOVERY_PORT = 3702;

    private final WsDiscoveryProbe probe;

    public DiscoveryApi(WsDiscoveryProbe probe) {
        this.probe = probe;
    }

    public void register(ApiRouter router) {
        router.post("/api/discovery", RUN, this::discover);
    }

    /** The body of {@code POST /api/discovery}. */
    record DiscoveryBody(Integer timeoutMillis, String address) {
    }

    /**
     * One device that answered.
     *
     * @param onvifUrl the first {@code http://} XAddr, the URL to onboard, or {@code null}
     */
    record Device(String endpointReference, String name, String hardware, List<String> locations, List<String> xaddrs,
            String onvifUrl) {
        static Device of(ProbeMatch m) {
            List<String> xaddrs = m.xaddrs().stream().map(URI::toString).toList();
            String onvif = xaddrs.stream().filter(x -> x.startsWith("http://")).findFirst().orElse(null);
            return new Device(m.endpointReference(), m.name().orElse(null), m.hardware().orElse(null), m.locations(),
                    xaddrs, onvif);
        }
    }

    record DiscoveryResult(List<Device> items) {
    }

    private ApiResponse discover(ApiRequest req) throws Exception {
        DiscoveryBody body = req.body() == null || req.body().length == 0 ? new DiscoveryBody(null, null)
                : req.jsonBody(DiscoveryBody.class);
        int millis = body.timeoutMillis() == null ? DEFAULT_TIMEOUT_MILLIS : body.timeoutMillis();
        if (millis < 100 || millis > MAX_TIMEOUT_MILLIS) {
            throw VmsException.invalid("timeoutMillis", "timeoutMillis must be between 100 and " + MAX_TIMEOUT_MILLIS);
        }
        Duration timeout = Duration.ofMillis(millis);
        UUID messageId = UUID.randomUUID();
        List<ProbeMatch> matches = (body.address() == null || body.address().isBlank()
                ? probe.probeMulticast(multicastInterface(), timeout, messageId)
                : probe.probeUnicast(target(body.address()), timeout, messageId))
                .get(millis + 5000L, TimeUnit.MILLISECONDS);
        return ApiResponse.ok(new DiscoveryResult(matches.stream().map(Device::of).toList()));
    }

    private static InetSocketAddress target(String address) {
        String a = address.trim();
        int colon = a.lastIndexOf(':');
        int port = WS_DISCOVERY_PORT;
        String host = a;
        if (colon > 0) {
            host = a.substring(0, colon);
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw VmsException.invalid("address", "the port after ':' must be 1 to 65535");
            }
        }
        if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw VmsException.invalid("address", "address must be an IPv4 address, optionally with :port");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw VmsException.invalid("address", "address must be an IPv4 address, optionally with :port");
        }
    }

    private static NetworkInterface multicastInterface() throws SocketException {
        Optional<NetworkInterface> found = NetworkInterface.networkInterfaces().filter(DiscoveryApi::usable).findFirst();
        return found.orElseThrow(() -> new VmsException(ErrorKind.UNREACHABLE, "no network interface can send"
                + " multicast; give the camera's address to probe it directly"));
    }

    private static boolean usable(NetworkInterface nif) {
        try {
            return nif.isUp() && nif.supportsMulticast() && !nif.isLoopback()
                    && nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address);
        } catch (SocketException e) {
            return false;
        }
    }
}
