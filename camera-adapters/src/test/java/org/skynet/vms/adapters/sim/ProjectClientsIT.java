package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.onvif.DeviceInformation;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.adapters.onvif.Profile;
import org.skynet.vms.adapters.onvif.PullMessagesResponse;
import org.skynet.vms.adapters.onvif.PullPointSubscription;
import org.skynet.vms.adapters.onvif.SoapHttpTransport;
import org.skynet.vms.adapters.rtsp.PlayingSession;
import org.skynet.vms.adapters.rtsp.RtpTransport;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;

/** The project's own ONVIF and RTSP clients against the simulator: what the demo and the monitor do. */
class ProjectClientsIT {
    private static SimulatedFleet fleet;
    private static EventLoopGroup group;

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

    @Test
    void onvifClientOnboardsTheCameraEvenWithClockDrift() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        fleet.setFault(cam.id(), Fault.clockDrift(Duration.ofMinutes(30)));
        try {
            OnvifClient onvif = new OnvifClient(new SoapHttpTransport(group, SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES),
                    URI.create(cam.onvifUrl()), Optional.of(new OnvifCredentials(cam.username(), cam.password())),
                    Clock.systemUTC(), Duration.ofSeconds(5));
            onvif.getSystemDateAndTime(Instant.now()).get(5, TimeUnit.SECONDS);
            assertTrue(onvif.clockOffset().minus(Duration.ofMinutes(30)).abs().getSeconds() < 5, onvif.clockOffset()::toString);
            onvif.getCapabilities().get(5, TimeUnit.SECONDS);
            DeviceInformation info = onvif.getDeviceInformation().get(5, TimeUnit.SECONDS);
            assertEquals("Skynet", info.manufacturer());
            assertEquals(cam.id(), info.serialNumber());
            List<Profile> profiles = onvif.getProfiles().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("main", "sub"), profiles.stream().map(Profile::token).toList());
            assertEquals(1920, profiles.get(0).videoEncoder().orElseThrow().width());
            assertEquals(URI.create(cam.rtspMainUrl()), onvif.getStreamUri(profiles.get(0)).get(5, TimeUnit.SECONDS).uri());
            PullPointSubscription sub = onvif.createPullPointSubscription(Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
            fleet.triggerMotion(List.of(cam.id()));
            PullMessagesResponse pulled = onvif.pullMessages(sub, Duration.ofSeconds(1), 10).get(5, TimeUnit.SECONDS);
            assertEquals(1, pulled.messages().size());
            assertEquals(OnvifEvent.Kind.MOTION, pulled.messages().get(0).kind());
            onvif.renew(sub, Duration.ofMinutes(1)).get(5, TimeUnit.SECONDS);
            onvif.unsubscribe(sub).get(5, TimeUnit.SECONDS);
        } finally {
            fleet.setFault(cam.id(), Fault.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(RtpTransport.class)
    void rtspClientReceivesFullHdAccessUnits(RtpTransport transport) throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        RtspClient rtsp = new RtspClient(group);
        AtomicInteger units = new AtomicInteger();
        CompletableFuture<AccessUnit> fiftieth = new CompletableFuture<>();
        PlayingSession session = rtsp.open(RtspSource.of(cam.rtspMainUrl(), cam.username(), cam.password()).withTransport(transport), u -> {
            if (units.incrementAndGet() == 50) {
                fiftieth.complete(u);
            }
        }).get(5, TimeUnit.SECONDS);
        try {
            AccessUnit unit = fiftieth.get(10, TimeUnit.SECONDS);
            assertEquals(1920, unit.parameters().width());
            assertEquals(1080, unit.parameters().height());
            assertEquals(0, session.stats().get(5, TimeUnit.SECONDS).packetsLost());
        } finally {
            session.close().get(5, TimeUnit.SECONDS);
        }
    }
}
