package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.skynet.vms.adapters.onvif.SoapEnvelope.Addressing;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * An ONVIF client for one device: Device, Media/Media2 and Events (PullPoint) calls, each returning
 * a {@link CompletableFuture} that completes on a Netty event loop, or fails with an
 * {@link OnvifException} ({@link OnvifFault} for SOAP faults).
 *
 * <p>Authentication: every call except {@link #getSystemDateAndTime(Instant)} carries a WS-Security
 * UsernameToken whose Created time is our clock plus the camera's clock offset, so call
 * {@code getSystemDateAndTime} first. When the device answers {@code 401} with a Digest challenge,
 * the call is repeated once with HTTP Digest, and later calls send Digest straight away.
 *
 * <p>Service URLs come from {@link #getCapabilities()} or {@link #getServices()}; until one of them
 * has run, every service is addressed at the device URL. Host and port of an XAddr are replaced by
 * the device URL's: cameras behind NAT or port forwarding report their LAN address.
 *
 * <p>Thread-safe. Responses are parsed on the event-loop thread that completed the exchange (they
 * are at most 1 MiB); chain heavy work with an {@code ...Async} stage. The URL given to the
 * constructor may carry no credentials; messages never show any.
 */
public final class OnvifClient {
    private static final String PULL_MESSAGES_ACTION =
            OnvifNamespaces.EVENTS + "/PullPointSubscription/PullMessagesRequest";
    private static final String RENEW_ACTION = "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/RenewRequest";
    private static final String UNSUBSCRIBE_ACTION =
            "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest";
    /** Nonces of WS-Security and Digest; shared: thread-safe, and a client is made per monitor probe. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SoapHttpTransport transport;
    private final URI deviceUrl;
    private final Optional<OnvifCredentials> credentials;
    private final Clock clock;
    private final Duration timeout;

    private volatile Duration clockOffset = Duration.ZERO;
    private volatile Optional<URI> mediaUrl = Optional.empty();
    private volatile Optional<URI> media2Url = Optional.empty();
    private volatile Optional<URI> eventsUrl = Optional.empty();
    /** The events XAddr as the device itself wrote it (its LAN view of itself, before the NAT rewrite). */
    private volatile Optional<URI> eventsAdvertised = Optional.empty();
    private final AtomicReference<HttpDigestAuth> digest = new AtomicReference<>();
    private final AtomicInteger digestNonceCount = new AtomicInteger();

    /**
     * @param deviceUrl the device service URL, e.g. {@code http://192.0.2.10/onvif/device_service}
     * @param credentials user and password, or empty for a device without authentication
     * @param clock our clock, read for each UsernameToken
     * @param timeout deadline of each call
     */
    public OnvifClient(SoapHttpTransport transport, URI deviceUrl, Optional<OnvifCredentials> credentials, Clock clock,
            Duration timeout) {
        if (deviceUrl.getUserInfo() != null) {
            throw VmsException.invalid("deviceUrl",
                    "device URL must not carry credentials; pass them separately");
        }
        this.transport = transport;
        this.deviceUrl = deviceUrl;
        this.credentials = credentials;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The camera's clock minus ours, as last measured (zero until {@link #getSystemDateAndTime} ran). */
    public Duration clockOffset() {
        return clockOffset;
    }

    /** Whether {@link #getServices()} found a Media2 service; {@link #getProfiles()} then uses it. */
    public boolean hasMedia2() {
        return media2Url.isPresent();
    }

    /**
     * {@code GetSystemDateAndTime}, sent without authentication. Remembers the camera's clock offset
     * against {@code now}, which later UsernameTokens use.
     *
     * @param now our clock when the call is made
     */
    public CompletableFuture<SystemDateAndTime> getSystemDateAndTime(Instant now) {
        return call(new Call(deviceUrl, OnvifNamespaces.DEVICE, "GetSystemDateAndTime",
                OnvifRequests.getSystemDateAndTime(), false, Optional.empty()), DeviceResponses::systemDateAndTime)
                .thenApply(sdt -> {
                    clockOffset = sdt.clockOffset(now);
                    return sdt;
                });
    }

    /** {@code GetDeviceInformation}. */
    public CompletableFuture<DeviceInformation> getDeviceInformation() {
        return device("GetDeviceInformation", OnvifRequests.getDeviceInformation(),
                DeviceResponses::deviceInformation);
    }

    /** {@code GetCapabilities}; remembers the Media and Events XAddrs. */
    public CompletableFuture<Capabilities> getCapabilities() {
        return device("GetCapabilities", OnvifRequests.getCapabilities(), DeviceResponses::capabilities)
                .thenApply(caps -> {
                    caps.media().map(this::onDevice).ifPresent(u -> mediaUrl = Optional.of(u));
                    caps.events().ifPresent(this::eventsService);
                    return caps;
                });
    }

    /** {@code GetServices}; remembers the Media, Media2 and Events XAddrs. */
    public CompletableFuture<List<ServiceInfo>> getServices() {
        return device("GetServices", OnvifRequests.getServices(), DeviceResponses::services)
                .thenApply(services -> {
                    find(services, OnvifNamespaces.MEDIA).ifPresent(u -> mediaUrl = Optional.of(u));
                    find(services, OnvifNamespaces.MEDIA2).ifPresent(u -> media2Url = Optional.of(u));
                    ServiceInfo.find(services, OnvifNamespaces.EVENTS).map(ServiceInfo::xaddr)
                            .ifPresent(this::eventsService);
                    return services;
                });
    }

    /** {@code GetProfiles} of Media2 when the device offers it, else of Media. */
    public CompletableFuture<List<Profile>> getProfiles() {
        String ns = hasMedia2() ? OnvifNamespaces.MEDIA2 : OnvifNamespaces.MEDIA;
        return media(ns, "GetProfiles", OnvifRequests.getProfiles(ns), MediaResponses::profiles);
    }

    /** {@code GetStreamUri} for RTP-Unicast over RTSP, on the service the profile came from. */
    public CompletableFuture<MediaUri> getStreamUri(Profile profile) {
        String ns = profile.mediaNamespace();
        return media(ns, "GetStreamUri", OnvifRequests.getStreamUri(ns, profile.token()), MediaResponses::mediaUri);
    }

    /** {@code GetSnapshotUri}, on the service the profile came from. */
    public CompletableFuture<MediaUri> getSnapshotUri(Profile profile) {
        String ns = profile.mediaNamespace();
        return media(ns, "GetSnapshotUri", OnvifRequests.getSnapshotUri(ns, profile.token()),
                MediaResponses::mediaUri);
    }

    /** {@code GetEventProperties} on the event service: the topics the device announces. */
    public CompletableFuture<EventProperties> getEventProperties() {
        return call(new Call(eventsUrl.orElse(deviceUrl), OnvifNamespaces.EVENTS, "GetEventProperties",
                OnvifRequests.getEventProperties(), true, Optional.empty()), EventResponses::eventProperties);
    }

    /**
     * {@code CreatePullPointSubscription} on the event service.
     *
     * @param initialTermination how long the subscription lives unless renewed or pulled from
     * @return a future that fails with {@code PROTOCOL}, field {@code SubscriptionReference/Address}, when the
     *     reference points away from this device (see {@link #subscriptionUrl})
     */
    public CompletableFuture<PullPointSubscription> createPullPointSubscription(Duration initialTermination) {
        URI url = eventsUrl.orElse(deviceUrl);
        return call(new Call(url, OnvifNamespaces.EVENTS, "CreatePullPointSubscription",
                OnvifRequests.createPullPointSubscription(initialTermination), true, Optional.empty()),
                xml -> {
                    PullPointSubscription s = EventResponses.pullPointSubscription(xml);
                    subscriptionUrl(s);
                    return s;
                });
    }

    /**
     * Where requests for a subscription go. The reference address is the camera's word: it is followed
     * only when it names this device, i.e. the host and port of the device URL, or those the device gave
     * for its own event service (its LAN address behind NAT); the request then goes to the device URL's
     * host and port with the reference's path and query. Anything else would let a camera point us at
     * another machine.
     *
     * @throws OnvifException {@code PROTOCOL} with field {@code SubscriptionReference/Address} otherwise
     */
    URI subscriptionUrl(PullPointSubscription subscription) {
        URI a = subscription.address();
        boolean sameDevice = sameEndpoint(a, deviceUrl) || eventsAdvertised.filter(e -> sameEndpoint(a, e)).isPresent();
        if (!"http".equalsIgnoreCase(a.getScheme()) || !sameDevice) {
            throw new OnvifException(ErrorKind.PROTOCOL, "subscription reference " + SoapHttpTransport.redact(a)
                    + " does not point to the device at " + SoapHttpTransport.redact(deviceUrl),
                    "SubscriptionReference/Address", null);
        }
        return onDevice(a);
    }

    /**
     * {@code PullMessages} on a subscription. The device may hold the request up to
     * {@code waitTime}; the call's own timeout is extended by that much. Requests to a subscription carry
     * WS-Addressing Action/To and the reference parameters; the future fails with field
     * {@code SubscriptionReference/Address} when the address points away from this device.
     */
    public CompletableFuture<PullMessagesResponse> pullMessages(PullPointSubscription subscription,
            Duration waitTime, int messageLimit) {
        return subscriptionCall(subscription, "PullMessages", PULL_MESSAGES_ACTION,
                OnvifRequests.pullMessages(waitTime, messageLimit), waitTime, EventResponses::pullMessages);
    }

    /** {@code Renew}: returns the new termination time. */
    public CompletableFuture<Instant> renew(PullPointSubscription subscription, Duration termination) {
        return subscriptionCall(subscription, "Renew", RENEW_ACTION, OnvifRequests.renew(termination),
                Duration.ZERO, EventResponses::renew);
    }

    /** {@code Unsubscribe}. */
    public CompletableFuture<Void> unsubscribe(PullPointSubscription subscription) {
        return subscriptionCall(subscription, "Unsubscribe", UNSUBSCRIBE_ACTION, OnvifRequests.unsubscribe(),
                Duration.ZERO, xml -> {
                    EventResponses.unsubscribe(xml);
                    return null;
                });
    }

    private <T> CompletableFuture<T> subscriptionCall(PullPointSubscription subscription, String operation,
            String action, String body, Duration extraWait, Function<byte[], T> parser) {
        URI url;
        try {
            url = subscriptionUrl(subscription);
        } catch (OnvifException e) {
            return CompletableFuture.failedFuture(e);
        }
        Call c = new Call(url, OnvifNamespaces.EVENTS, operation, body, true, Optional.of(new Addressing(action,
                subscription.address().toString(), subscription.referenceParameters())));
        return call(c, parser, timeout.plus(extraWait));
    }

    private <T> CompletableFuture<T> device(String operation, String body, Function<byte[], T> parser) {
        return call(new Call(deviceUrl, OnvifNamespaces.DEVICE, operation, body, true, Optional.empty()), parser);
    }

    private <T> CompletableFuture<T> media(String ns, String operation, String body, Function<byte[], T> parser) {
        URI url = (OnvifNamespaces.MEDIA2.equals(ns) ? media2Url : mediaUrl).orElse(deviceUrl);
        return call(new Call(url, ns, operation, body, true, Optional.empty()), parser);
    }

    private <T> CompletableFuture<T> call(Call c, Function<byte[], T> parser) {
        return call(c, parser, timeout);
    }

    private <T> CompletableFuture<T> call(Call c, Function<byte[], T> parser, Duration callTimeout) {
        String context = c.operation() + " at " + SoapHttpTransport.redact(c.url());
        return send(c, callTimeout)
                .thenCompose(response -> retryWithDigest(c, response, callTimeout))
                .thenApply(response -> interpret(response, context, parser));
    }

    private CompletableFuture<SoapHttpResponse> send(Call c, Duration callTimeout) {
        Optional<UsernameToken> token = c.authenticated() ? credentials.map(this::token) : Optional.empty();
        byte[] envelope = SoapEnvelope.request(c.body(), token, c.addressing());
        Optional<String> authorization = Optional.ofNullable(digest.get()).flatMap(d -> credentials.map(cr ->
                d.authorization(cr.username(), cr.password(), "POST", SoapHttpTransport.target(c.url()),
                        HexFormat.of().formatHex(nonce(8)), digestNonceCount.incrementAndGet())));
        String action = c.addressing().map(Addressing::action)
                .orElse(OnvifRequests.action(c.namespace(), c.operation()));
        return transport.post(c.url(), action, envelope, authorization, callTimeout);
    }

    /** One retry with HTTP Digest when a 401 carries a Digest challenge we have not answered yet. */
    private CompletableFuture<SoapHttpResponse> retryWithDigest(Call c, SoapHttpResponse response,
            Duration callTimeout) {
        if (response.status() != 401 || credentials.isEmpty() || response.wwwAuthenticate().isEmpty()) {
            return CompletableFuture.completedFuture(response);
        }
        Optional<HttpDigestAuth> challenge = HttpDigestAuth.parseChallenge(response.wwwAuthenticate().get());
        if (challenge.isEmpty() || challenge.get().equals(digest.get())) {
            return CompletableFuture.completedFuture(response);
        }
        digest.set(challenge.get());
        digestNonceCount.set(0);
        return send(c, callTimeout);
    }

    private static <T> T interpret(SoapHttpResponse response, String context, Function<byte[], T> parser) {
        try {
            if (response.status() == 401) {
                throw new OnvifException(ErrorKind.AUTH_FAILED, "HTTP 401: credentials refused");
            }
            if (response.status() / 100 == 2) {
                return parser.apply(response.body());
            }
            SoapEnvelope.openBody(response.body(), OnvifXml.DEFAULT_MAX_BYTES);
            throw OnvifException.protocol("HTTP " + response.status() + " without a SOAP fault");
        } catch (OnvifFault fault) {
            throw fault.withContext(context);
        } catch (OnvifException e) {
            throw new OnvifException(e.kind(), context + ": " + e.getMessage(), e.field(), e);
        }
    }

    private UsernameToken token(OnvifCredentials c) {
        return UsernameToken.create(c.username(), c.password(), nonce(16), clock.instant().plus(clockOffset));
    }

    private byte[] nonce(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private Optional<URI> find(List<ServiceInfo> services, String namespace) {
        return ServiceInfo.find(services, namespace).map(s -> onDevice(s.xaddr()));
    }

    private void eventsService(URI xaddr) {
        eventsAdvertised = Optional.of(xaddr);
        eventsUrl = Optional.of(onDevice(xaddr));
    }

    private static boolean sameEndpoint(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The XAddr's path and query on the device URL's scheme, host and port (NAT quirk). */
    private URI onDevice(URI xaddr) {
        try {
            return new URI(deviceUrl.getScheme(), null, deviceUrl.getHost(), deviceUrl.getPort(), xaddr.getPath(),
                    xaddr.getQuery(), null);
        } catch (URISyntaxException e) {
            throw OnvifException.protocol("unusable XAddr " + SoapHttpTransport.redact(xaddr), e);
        }
    }

    private record Call(URI url, String namespace, String operation, String body, boolean authenticated,
            Optional<Addressing> addressing) {
    }
}
