package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.EventProperties;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.skynet.vms.adapters.onvif.OnvifFault;
import org.skynet.vms.adapters.onvif.OnvifRequests;
import org.skynet.vms.adapters.onvif.PullMessagesResponse;
import org.skynet.vms.adapters.onvif.PullPointSubscription;
import org.skynet.vms.adapters.onvif.SoapEnvelope;
import org.skynet.vms.adapters.onvif.SoapHttpTransport;
import org.skynet.vms.adapters.onvif.UsernameToken;
import org.skynet.vms.errors.ErrorKind;

/** Our {@link OnvifClient} against a simulated camera's event service on loopback: a real held pull point. */
class PullPointLongPollIT {
    private static SimulatedFleet fleet;
    private static EventLoopGroup group;
    private SimulatedCamera cam;
    private OnvifClient client;

    @BeforeAll
    static void start() {
        fleet = SimulatedFleet.start(SimConfig.builder(1).build());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        fleet.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void connect() throws Exception {
        cam = fleet.cameras().get(0);
        client = client(Duration.ofSeconds(5));
        client.getSystemDateAndTime(Instant.now()).get(5, TimeUnit.SECONDS);
        client.getCapabilities().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void heal() {
        fleet.setFault(cam.id(), Fault.NONE);
    }

    @Test
    void heldPullReturnsAFiredMotionWithinOneSecond() throws Exception {
        EventProperties props = client.getEventProperties().get(5, TimeUnit.SECONDS);
        assertTrue(props.offers(OnvifEvent.Kind.MOTION) && props.offers(OnvifEvent.Kind.TAMPER), props::toString);
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
        CompletableFuture<PullMessagesResponse> pull = client.pullMessages(sub, Duration.ofSeconds(20), 10);
        await(() -> cam.events().waiting() == 1, "the pull is held by the camera");
        long fired = System.nanoTime();
        fleet.fireEvent(List.of(cam.id()), SimEvent.Kind.MOTION, true);
        PullMessagesResponse r = pull.get(1, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - fired) / 1_000_000;
        assertTrue(millis < 1000, millis + " ms");
        assertEquals(1, r.messages().size());
        OnvifEvent motion = r.messages().get(0);
        assertEquals(OnvifEvent.Kind.MOTION, motion.kind());
        assertTrue(motion.active());
        assertEquals("tns1:VideoSource/MotionAlarm", motion.topic());
    }

    @Test
    void eventsFiredBetweenPullsComeInOrder() throws Exception {
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
        fleet.fireEvent(List.of(cam.id()), SimEvent.Kind.TAMPER, true);
        fleet.fireEvent(List.of(cam.id()), SimEvent.Kind.MOTION, true);
        fleet.fireEvent(List.of(cam.id()), SimEvent.Kind.MOTION, false);
        PullMessagesResponse r = client.pullMessages(sub, Duration.ofSeconds(5), 10).get(2, TimeUnit.SECONDS);
        assertEquals(List.of("TAMPER true", "MOTION true", "MOTION false"),
                r.messages().stream().map(m -> m.kind() + " " + m.active()).toList());
    }

    @Test
    void quietPullIsHeldForItsTimeoutThenAnswersEmpty() throws Exception {
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        PullMessagesResponse r = client.pullMessages(sub, Duration.ofSeconds(1), 10).get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.messages().isEmpty());
        assertTrue(millis >= 900 && millis < 3000, "held " + millis + " ms for a 1 s Timeout");
        assertEquals(0, cam.events().waiting());
    }

    @Test
    void closedConnectionReleasesTheHeldPull() throws Exception {
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
        byte[] envelope = SoapEnvelope.request(OnvifRequests.pullMessages(Duration.ofSeconds(30), 10),
                Optional.of(UsernameToken.create(cam.username(), cam.password(), new byte[16], Instant.now())),
                Optional.empty());
        URI url = sub.address();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Content-Type: application/soap+xml\r\nContent-Length: " + envelope.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(envelope);
            out.flush();
            await(() -> cam.events().waiting() == 1, "the pull is held");
        }
        await(() -> cam.events().waiting() == 0, "a held pull is dropped when its connection closes");
    }

    @Test
    void slowCameraTimesOutWithinTheCallTimeout() throws Exception {
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
        fleet.setFault(cam.id(), Fault.slow(Duration.ofSeconds(3)));
        OnvifClient shortTimeout = client(Duration.ofMillis(500));
        long start = System.nanoTime();
        OnvifException e = failure(shortTimeout.pullMessages(sub, Duration.ZERO, 10));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(millis < 1500, millis + " ms for a 500 ms timeout");
    }

    @Test
    void renewExtendsAndUnsubscribeEnds() throws Exception {
        PullPointSubscription sub = client.createPullPointSubscription(Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS);
        Instant created = sub.currentTime().orElseThrow();
        assertEquals(30, Duration.between(created, sub.terminationTime().orElseThrow()).toSeconds(),
                "InitialTerminationTime honoured");
        Instant renewed = client.renew(sub, Duration.ofMinutes(5)).get(5, TimeUnit.SECONDS);
        assertTrue(Duration.between(created, renewed).toSeconds() >= 299, renewed::toString);
        client.unsubscribe(sub).get(5, TimeUnit.SECONDS);
        OnvifException gone = failure(client.pullMessages(sub, Duration.ZERO, 1));
        assertInstanceOf(OnvifFault.class, gone);
        assertTrue(gone.getMessage().contains("no pull-point subscription"), gone.getMessage());
    }

    private OnvifClient client(Duration timeout) {
        return new OnvifClient(new SoapHttpTransport(group, SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES),
                URI.create(cam.onvifUrl()), Optional.of(new OnvifCredentials(cam.username(), cam.password())),
                Clock.systemUTC(), timeout);
    }

    private static OnvifException failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(OnvifException.class, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within 10 s", e);
        }
        throw new AssertionError("expected a failure");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
