package org.skynet.vms.adapters.sim.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimEventLog;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.TestCameras;
import org.skynet.vms.errors.VmsException;

class PullPointSubscriptionsTest {
    private final PullPointSubscriptions subs = new PullPointSubscriptions();
    private final SimulatedCamera cam = TestCameras.camera(Codec.H264);
    private final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void deliversOnlyEventsFiredAfterSubscribingInOrderAndEachOnce() {
        cam.fire(motion(true));
        long id = subs.create(cam, t0, null).id;
        assertEquals(List.of(), subs.take(id, cam, 10, t0));
        cam.fire(motion(true));
        cam.fire(new SimEvent(SimEvent.Kind.TAMPER, true, t0));
        cam.fire(motion(false));
        assertEquals(List.of(motion(true)), subs.take(id, cam, 1, t0), "MessageLimit caps one pull");
        assertEquals(List.of(new SimEvent(SimEvent.Kind.TAMPER, true, t0), motion(false)), subs.take(id, cam, 10, t0));
        assertEquals(List.of(), subs.take(id, cam, 10, t0));
    }

    @Test
    void aSubscriberFarBehindLosesOnlyTheOldestEvents() {
        long id = subs.create(cam, t0, null).id;
        for (int i = 0; i < SimEventLog.CAPACITY + 5; i++) {
            cam.fire(new SimEvent(SimEvent.Kind.MOTION, i % 2 == 0, t0.plusSeconds(i)));
        }
        List<SimEvent> got = subs.take(id, cam, 1000, t0);
        assertEquals(SimEventLog.CAPACITY, got.size());
        assertEquals(t0.plusSeconds(5), got.get(0).utcTime());
        assertEquals(List.of(), subs.take(id, cam, 1000, t0));
    }

    @Test
    void livesAsLongAsAskedAndLapsesOnUnsubscribe() {
        long id = subs.create(cam, t0, Duration.ofSeconds(10)).id;
        assertEquals(t0.plusSeconds(10), subs.terminationTime(id, cam, t0));
        assertThrows(VmsException.class, () -> subs.take(id, cam, 1, t0.plusSeconds(11)));
        long other = subs.create(cam, t0, null).id;
        assertEquals(t0.plus(PullPointSubscriptions.DEFAULT_LIFETIME), subs.terminationTime(other, cam, t0));
        assertEquals(t0.plusSeconds(120), subs.renew(other, cam, t0, Duration.ofSeconds(120)));
        assertEquals(t0.plus(PullPointSubscriptions.MAX_LIFETIME), subs.renew(other, cam, t0, Duration.ofDays(3)),
                "clamped");
        subs.unsubscribe(other, cam, t0);
        assertThrows(VmsException.class, () -> subs.take(other, cam, 1, t0));
        subs.create(cam, t0.plusSeconds(11), null);
        assertEquals(1, subs.size(), "lapsed subscriptions are dropped on create");
    }

    private SimEvent motion(boolean active) {
        return new SimEvent(SimEvent.Kind.MOTION, active, t0);
    }
}
