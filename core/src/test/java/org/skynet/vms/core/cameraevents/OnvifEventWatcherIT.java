package org.skynet.vms.core.cameraevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.recorder.ingest.Backoff;

/** The watcher against a simulated fleet on loopback, delivering to a recording sink. */
class OnvifEventWatcherIT {
    private static final CameraEventSettings FAST = new CameraEventSettings(Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ofMillis(200), 100, Duration.ofSeconds(2), 2, Duration.ofSeconds(10),
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 2.0, 0.2));

    private static SimulatedFleet fleet;
    private static EventLoopGroup group;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private OnvifEventWatcher watcher;

    @BeforeAll
    static void startFleet() {
        fleet = SimulatedFleet.start(SimConfig.builder(3).build());
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopFleet() {
        fleet.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startWatcher() {
        watcher = new OnvifEventWatcher(group, FAST, Clock.systemUTC(),
                (cameraId, e) -> received.add(cameraId + " " + e.kind() + " " + e.active() + " " + e.topic()));
        watcher.watch(fleet.cameras().stream().map(OnvifEventWatcherIT::target).toList());
        for (SimulatedCamera c : fleet.cameras()) {
            awaitState(c, SubscriptionState.PULLING);
        }
    }

    @AfterEach
    void stopWatcher() {
        watcher.close();
        fleet.setFault(fleet.cameras().stream().map(SimulatedCamera::id).toList(), Fault.NONE);
    }

    @Test
    void deliversActiveMotionAndTamperInOrder() {
        SimulatedCamera one = fleet.cameras().get(0);
        SimulatedCamera two = fleet.cameras().get(1);
        fire(one, SimEvent.Kind.MOTION, true);
        fire(one, SimEvent.Kind.TAMPER, true);
        fire(one, SimEvent.Kind.MOTION, false);
        fire(two, SimEvent.Kind.MOTION, true);
        fire(one, SimEvent.Kind.MOTION, true);
        await(() -> received.size() == 4, "four active events delivered, got " + received);
        assertEquals(List.of(one.id() + " MOTION true tns1:VideoSource/MotionAlarm",
                one.id() + " TAMPER true tns1:RuleEngine/TamperDetector/Tamper",
                one.id() + " MOTION true tns1:VideoSource/MotionAlarm"),
                received.stream().filter(r -> r.startsWith(one.id())).toList(), "motion stopped is not handed on");
        assertEquals(List.of(two.id() + " MOTION true tns1:VideoSource/MotionAlarm"),
                received.stream().filter(r -> r.startsWith(two.id())).toList());
        assertEquals(3, watcher.status(one.id()).orElseThrow().delivered());
    }

    @Test
    void renewsBeforeTheCameraDropsTheSubscription() {
        SimulatedCamera cam = fleet.cameras().get(2);
        await(() -> watcher.status(cam.id()).orElseThrow().renewals() >= 3, "three renewals of a 2 s subscription");
        fire(cam, SimEvent.Kind.TAMPER, true);
        await(() -> received.contains(cam.id() + " TAMPER true tns1:RuleEngine/TamperDetector/Tamper"),
                "tamper after renewals");
        assertEquals(SubscriptionState.PULLING, watcher.status(cam.id()).orElseThrow().state());
    }

    @Test
    void resubscribesWithBackoffWhenTheCameraComesBack() {
        SimulatedCamera cam = fleet.cameras().get(1);
        fleet.setFault(cam.id(), Fault.DOWN);
        awaitState(cam, SubscriptionState.BACKING_OFF);
        assertTrue(watcher.status(cam.id()).orElseThrow().reason().contains("failed"),
                watcher.status(cam.id()).orElseThrow()::reason);
        fleet.setFault(cam.id(), Fault.NONE);
        awaitState(cam, SubscriptionState.PULLING);
        fire(cam, SimEvent.Kind.MOTION, true);
        await(() -> received.contains(cam.id() + " MOTION true tns1:VideoSource/MotionAlarm"), "motion after healing");
    }

    @Test
    void wrongPasswordBacksOffNamingTheRefusal() {
        SimulatedCamera cam = fleet.cameras().get(0);
        fleet.setFault(cam.id(), Fault.WRONG_PASSWORD);
        awaitState(cam, SubscriptionState.BACKING_OFF);
        String reason = watcher.status(cam.id()).orElseThrow().reason();
        assertTrue(reason.contains("NotAuthorized") || reason.contains("401"), reason);
        assertTrue(!reason.contains(cam.password()), "no password in the reason");
    }

    @Test
    void unwatchedCamerasStopAndOthersCarryOn() {
        SimulatedCamera kept = fleet.cameras().get(0);
        watcher.watch(List.of(target(kept)));
        assertEquals(1, watcher.size());
        assertTrue(watcher.status(fleet.cameras().get(1).id()).isEmpty());
        fire(fleet.cameras().get(1), SimEvent.Kind.MOTION, true);
        fire(kept, SimEvent.Kind.MOTION, true);
        await(() -> received.contains(kept.id() + " MOTION true tns1:VideoSource/MotionAlarm"), "kept camera delivers");
        assertEquals(1, received.size(), received::toString);
    }

    private static void fire(SimulatedCamera cam, SimEvent.Kind kind, boolean active) {
        fleet.fireEvent(List.of(cam.id()), kind, active);
    }

    private static WatchTarget target(SimulatedCamera c) {
        return new WatchTarget(c.id(), URI.create(c.onvifUrl()),
                Optional.of(new OnvifCredentials(c.username(), c.password())));
    }

    private void awaitState(SimulatedCamera c, SubscriptionState state) {
        await(() -> watcher.status(c.id()).map(s -> s.state() == state).orElse(false),
                c.id() + " " + state + ", is " + watcher.status(c.id()));
    }

    private static void await(BooleanSupplier condition, String what) {
        assertTrue(Await.until(Duration.ofSeconds(10), condition), "not within 10 s: " + what);
    }
}
