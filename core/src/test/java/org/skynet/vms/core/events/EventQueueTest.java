package org.skynet.vms.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bounded per-connection outbox: drops the oldest and says so once. */
class EventQueueTest {
    @Test
    void slowConsumerLosesTheOldestAndGetsOneResync() {
        EventQueue q = new EventQueue(3);
        assertTrue(q.offer("1"), "the first message starts a drain");
        for (int i = 2; i <= 5; i++) {
            assertFalse(q.offer(String.valueOf(i)), "a drain is already pending");
        }
        String resync = q.poll();
        assertTrue(resync.startsWith("{\"type\":\"resync\",\"dropped\":2"), resync);
        assertEquals("3", q.poll());
        assertEquals("4", q.poll());
        assertEquals("5", q.poll());
        assertNull(q.poll());
        assertEquals(2, q.droppedTotal());
        assertTrue(q.offer("6"), "after an empty poll the next offer starts a drain again");
    }
}
