package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skynet.vms.errors.ErrorKind;

/** {@link OnvifClient} against {@link FakeOnvifDevice} on 127.0.0.1. */
class OnvifClientIT {
    private static final Instant NOW = Instant.parse("2026-11-26T07:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration DRIFT = Duration.ofMinutes(7).plusSeconds(3);
    private static final Optional<OnvifCredentials> CREDENTIALS =
            Optional.of(new OnvifCredentials(FakeOnvifDevice.USER, FakeOnvifDevice.PASSWORD));

    private static EventLoopGroup group;
    private FakeOnvifDevice device;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void stopDevice() {
        if (device != null) {
            device.close();
        }
    }

    private OnvifClient client(Duration timeout, int maxResponseBytes) throws IOException {
        if (device == null) {
            device = new FakeOnvifDevice(CLOCK, DRIFT);
        }
        return new OnvifClient(new SoapHttpTransport(group, maxResponseBytes), device.url("/onvif/device_service"),
                CREDENTIALS, CLOCK, timeout);
    }

    private OnvifClient client() throws IOException {
        return client(Duration.ofSeconds(5), SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static OnvifException failure(CompletableFuture<?> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(OnvifException.class, e.getCause(), String.valueOf(e.getCause()));
    }

    @Test
    void wsSecurityCreatedFollowsTheCameraClock() throws Exception {
        OnvifClient client = client();
        device.requireAuth(FakeOnvifDevice.Auth.WS_SECURITY);
        device.reply(OnvifNamespaces.DEVICE, "GetDeviceInformation", OnvifTestData.bytes("axis_GetDeviceInformation.xml"));

        SystemDateAndTime sdt = await(client.getSystemDateAndTime(NOW));
        assertEquals(NOW.plus(DRIFT), sdt.utc());
        assertEquals(DRIFT, client.clockOffset());
        assertEquals("AXIS", await(client.getDeviceInformation()).manufacturer());
    }

    @Test
    void withoutTheClockOffsetTheCameraRefusesTheToken() throws Exception {
        OnvifClient client = client();
        device.requireAuth(FakeOnvifDevice.Auth.WS_SECURITY);
        device.reply(OnvifNamespaces.DEVICE, "GetDeviceInformation", OnvifTestData.bytes("axis_GetDeviceInformation.xml"));

        OnvifException e = failure(client.getDeviceInformation());
        assertEquals(ErrorKind.AUTH_FAILED, e.kind());
        OnvifFault fault = assertInstanceOf(OnvifFault.class, e);
        assertEquals(List.of("NotAuthorized"), fault.subcodes());
        assertTrue(e.getMessage().startsWith("GetDeviceInformation at http://127.0.0.1:"), e.getMessage());
    }

    @Test
    void httpDigestAfter401() throws Exception {
        OnvifClient client = client();
        device.requireAuth(FakeOnvifDevice.Auth.HTTP_DIGEST);
        device.reply(OnvifNamespaces.DEVICE, "GetDeviceInformation", OnvifTestData.bytes("axis_GetDeviceInformation.xml"));

        assertEquals("P3245-LVE", await(client.getDeviceInformation()).model());
        assertEquals("P3245-LVE", await(client.getDeviceInformation()).model());
        // 401 + retry for the first call, then Digest straight away.
        assertEquals(3, device.received().size());
    }

    @Test
    void wrongPasswordWithDigestIsAuthFailed() throws Exception {
        device = new FakeOnvifDevice(CLOCK, DRIFT);
        device.requireAuth(FakeOnvifDevice.Auth.HTTP_DIGEST);
        OnvifClient client = new OnvifClient(new SoapHttpTransport(group, 1 << 20), device.url("/onvif/device_service"),
                Optional.of(new OnvifCredentials(FakeOnvifDevice.USER, "wrong")), CLOCK, Duration.ofSeconds(5));
        OnvifException e = failure(client.getDeviceInformation());
        assertEquals(ErrorKind.AUTH_FAILED, e.kind());
        assertFalse(e.getMessage().contains("wrong"));
    }

    @Test
    void media2ProfilesAndStreamUriOnTheDeviceAddress() throws Exception {
        OnvifClient client = client();
        device.requireAuth(FakeOnvifDevice.Auth.WS_SECURITY);
        device.reply(OnvifNamespaces.DEVICE, "GetServices", OnvifTestData.bytes("axis_GetServices.xml"));
        device.reply(OnvifNamespaces.MEDIA2, "GetProfiles", OnvifTestData.bytes("hanwha_GetProfiles_media2.xml"));
        device.reply(OnvifNamespaces.MEDIA2, "GetStreamUri", ("<s:Envelope xmlns:s='" + OnvifNamespaces.SOAP12
                + "' xmlns:tr2='" + OnvifNamespaces.MEDIA2 + "'><s:Body><tr2:GetStreamUriResponse><tr2:Uri>"
                + "rtsp://192.0.2.30/axis-media/media.amp?videocodec=h265</tr2:Uri></tr2:GetStreamUriResponse>"
                + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8));
        device.reply(OnvifNamespaces.MEDIA2, "GetSnapshotUri", OnvifTestData.bytes("hanwha_GetSnapshotUri_media2.xml"));

        await(client.getSystemDateAndTime(NOW));
        await(client.getServices());
        assertTrue(client.hasMedia2());
        List<Profile> profiles = await(client.getProfiles());
        assertEquals(2560, profiles.get(0).videoEncoder().orElseThrow().width());
        assertEquals(URI.create("rtsp://192.0.2.30/axis-media/media.amp?videocodec=h265"),
                await(client.getStreamUri(profiles.get(0))).uri());
        assertEquals("http", await(client.getSnapshotUri(profiles.get(0))).uri().getScheme());
        // XAddrs said 192.0.2.30; the calls went to the device URL's host and port, on the XAddr's path.
        assertTrue(device.received().contains("/onvif/services " + OnvifNamespaces.MEDIA2 + "#GetStreamUri"),
                device.received().toString());
    }

    @Test
    void media1ProfilesAfterGetCapabilities() throws Exception {
        OnvifClient client = client();
        device.reply(OnvifNamespaces.DEVICE, "GetCapabilities", OnvifTestData.bytes("uniview_GetCapabilities.xml"));
        device.reply(OnvifNamespaces.MEDIA, "GetProfiles", OnvifTestData.bytes("hikvision_GetProfiles.xml"));
        device.reply(OnvifNamespaces.MEDIA, "GetStreamUri", OnvifTestData.bytes("dahua_GetStreamUri.xml"));

        await(client.getCapabilities());
        Profile main = await(client.getProfiles()).get(0);
        assertEquals(OnvifNamespaces.MEDIA, main.mediaNamespace());
        assertEquals("rtsp", await(client.getStreamUri(main)).uri().getScheme());
        assertTrue(device.received().contains("/onvif/media_service " + OnvifNamespaces.MEDIA + "#GetStreamUri"));
    }

    @Test
    void pullPointSubscriptionLifecycle() throws Exception {
        OnvifClient client = client();
        device.requireAuth(FakeOnvifDevice.Auth.WS_SECURITY);
        device.reply(OnvifNamespaces.DEVICE, "GetServices", OnvifTestData.bytes("axis_GetServices.xml"));
        device.reply(OnvifNamespaces.EVENTS, "CreatePullPointSubscription",
                OnvifTestData.bytes("axis_CreatePullPointSubscription.xml"));
        device.reply(OnvifNamespaces.EVENTS, "PullMessages", OnvifTestData.bytes("hikvision_PullMessages.xml"));
        device.reply(OnvifNamespaces.WSNT, "Renew", OnvifTestData.bytes("axis_Renew.xml"));
        device.reply(OnvifNamespaces.WSNT, "Unsubscribe", ("<s:Envelope xmlns:s='" + OnvifNamespaces.SOAP12
                + "'><s:Body><wsnt:UnsubscribeResponse xmlns:wsnt='" + OnvifNamespaces.WSNT
                + "'/></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8));

        await(client.getSystemDateAndTime(NOW));
        // the camera names itself 192.0.2.30 (its LAN address) in GetServices and in the reference: followed on our URL
        await(client.getServices());
        PullPointSubscription sub = await(client.createPullPointSubscription(Duration.ofMinutes(10)));
        PullMessagesResponse pulled = await(client.pullMessages(sub, Duration.ofSeconds(1), 10));
        assertEquals(OnvifEvent.Kind.MOTION, pulled.messages().get(0).kind());
        assertEquals(Instant.parse("2026-11-26T07:30:00Z"), await(client.renew(sub, Duration.ofMinutes(10))));
        await(client.unsubscribe(sub));
        assertTrue(device.received().contains("/onvif/services/pullpoint/3 " + OnvifNamespaces.EVENTS + "#PullMessages"));
        assertTrue(device.wsaTo().contains("http://192.0.2.30/onvif/services/pullpoint/3"), device.wsaTo().toString());
        assertEquals(List.of("SubscriptionId=3", "SubscriptionId=3", "SubscriptionId=3"), device.referenceParameters(),
                "Axis SubscriptionId echoed on PullMessages, Renew and Unsubscribe");
    }

    @Test
    void subscriptionReferenceToAnotherHostIsRefusedNamingTheField() throws Exception {
        OnvifClient client = client();
        device.reply(OnvifNamespaces.EVENTS, "CreatePullPointSubscription",
                OnvifTestData.bytes("axis_CreatePullPointSubscription.xml"));
        OnvifException e = failure(client.createPullPointSubscription(Duration.ofMinutes(1)));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertEquals("SubscriptionReference/Address", e.field());
        assertTrue(e.getMessage().contains("192.0.2.30"), e.getMessage());
        PullPointSubscription forged = new PullPointSubscription(URI.create("http://127.0.0.2:80/x"), List.of(),
                Optional.empty(), Optional.empty());
        assertEquals("SubscriptionReference/Address", failure(client.pullMessages(forged, Duration.ZERO, 1)).field());
        assertFalse(device.received().stream().anyMatch(r -> r.contains("PullMessages")));
    }

    @Test
    void pullMessagesFailuresStayWithinTheirBound() throws Exception {
        OnvifClient client = client(Duration.ofMillis(300), 1 << 20);
        device.reply(OnvifNamespaces.DEVICE, "GetServices", OnvifTestData.bytes("axis_GetServices.xml"));
        device.reply(OnvifNamespaces.EVENTS, "CreatePullPointSubscription",
                OnvifTestData.bytes("axis_CreatePullPointSubscription.xml"));
        await(client.getServices());
        PullPointSubscription sub = await(client.createPullPointSubscription(Duration.ofMinutes(1)));

        device.reply(OnvifNamespaces.EVENTS, "PullMessages", "<<not xml at all".getBytes(StandardCharsets.UTF_8));
        OnvifException garbage = failure(client.pullMessages(sub, Duration.ZERO, 10));
        assertEquals(ErrorKind.PROTOCOL, garbage.kind(), garbage.getMessage());
        assertTrue(garbage.getMessage().startsWith("PullMessages at http://127.0.0.1:"), garbage.getMessage());

        device.replyHuge(OnvifNamespaces.EVENTS, "PullMessages", 2 * 1024 * 1024, true);
        assertEquals(ErrorKind.LIMIT_EXCEEDED, failure(client.pullMessages(sub, Duration.ZERO, 10)).kind());

        device.neverAnswer(OnvifNamespaces.EVENTS, "PullMessages");
        long start = System.nanoTime();
        OnvifException silent = failure(client.pullMessages(sub, Duration.ofMillis(500), 10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorKind.TIMEOUT, silent.kind());
        assertTrue(millis >= 700 && millis < 2000, "300 ms timeout + 500 ms wait, took " + millis + " ms");
    }

    @Test
    void deviceThatNeverAnswersTimesOutInTime() throws Exception {
        OnvifClient client = client(Duration.ofMillis(300), 1 << 20);
        device.neverAnswer(OnvifNamespaces.DEVICE, "GetDeviceInformation");
        long start = System.nanoTime();
        OnvifException e = failure(client.getDeviceInformation());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(elapsedMillis >= 250 && elapsedMillis < 3000, "timed out after " + elapsedMillis + " ms");
    }

    @ParameterizedTest(name = "chunked {0}")
    @ValueSource(booleans = {false, true})
    void hugeResponseIsLimitExceeded(boolean chunked) throws Exception {
        OnvifClient client = client(Duration.ofSeconds(5), 64 * 1024);
        device.replyHuge(OnvifNamespaces.DEVICE, "GetDeviceInformation", 2 * 1024 * 1024, chunked);
        OnvifException e = failure(client.getDeviceInformation());
        assertEquals(ErrorKind.LIMIT_EXCEEDED, e.kind(), e.getMessage());
    }

    @Test
    void externalEntityIsProtocolAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        OnvifClient client = client();
        String evil = new String(OnvifTestData.bytes("evil_ExternalEntity.xml"), StandardCharsets.UTF_8)
                .replace("file:///etc/passwd", secret.toUri().toString());
        device.reply(OnvifNamespaces.DEVICE, "GetDeviceInformation", evil.getBytes(StandardCharsets.UTF_8));
        OnvifException e = failure(client.getDeviceInformation());
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void unsupportedActionIsUnsupported() throws Exception {
        OnvifClient client = client();
        OnvifException e = failure(client.getServices());
        assertEquals(ErrorKind.UNSUPPORTED, e.kind());
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OnvifClient client = new OnvifClient(new SoapHttpTransport(group, 1 << 20),
                URI.create("http://127.0.0.1:" + port + "/onvif/device_service"), CREDENTIALS, CLOCK,
                Duration.ofSeconds(5));
        assertEquals(ErrorKind.UNREACHABLE, failure(client.getDeviceInformation()).kind());
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertEquals(ErrorKind.INVALID_ARGUMENT, assertThrows(org.skynet.vms.errors.VmsException.class,
                () -> new OnvifClient(new SoapHttpTransport(group, 1 << 20),
                        URI.create("http://admin:pw@127.0.0.1/onvif/device_service"), CREDENTIALS, CLOCK,
                        Duration.ofSeconds(1))).kind());
    }
}
