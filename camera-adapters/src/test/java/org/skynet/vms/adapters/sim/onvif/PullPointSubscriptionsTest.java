package org.skynet.vms.adapters.sim.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.TestCameras;
import org.skynet.vms.errors.VmsException;

class PullPointSubscriptionsTest {
    private final PullPointSubscriptions subs = new PullPointSubscriptions();
    private final SimulatedCamera cam = TestCameras.camera(Codec.H264);
    private final Instant t0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void deliversOnlyEventsRaisedAfterSubscribingAndEachOnce() {
        cam.triggerMotion();
        long id = subs.create(cam, t0).id;
        assertEquals(0, subs.pull(id, cam, 10, t0));
        cam.triggerMotion();
        cam.triggerMotion();
        assertEquals(1, subs.pull(id, cam, 1, t0), "MessageLimit caps one pull");
        assertEquals(1, subs.pull(id, cam, 10, t0));
        assertEquals(0, subs.pull(id, cam, 10, t0));
    }

    @Test
    void lapsesAfterItsLifetimeAndOnUnsubscribe() {
        long id = subs.create(cam, t0).id;
        Instant late = t0.plus(PullPointSubscriptions.LIFETIME).plusSeconds(1);
        assertThrows(VmsException.class, () -> subs.pull(id, cam, 1, late));
        long other = subs.create(cam, t0).id;
        subs.unsubscribe(other, cam, t0);
        assertThrows(VmsException.class, () -> subs.pull(other, cam, 1, t0));
        subs.create(cam, late);
        assertEquals(1, subs.size(), "lapsed subscriptions are dropped on create");
    }
}
