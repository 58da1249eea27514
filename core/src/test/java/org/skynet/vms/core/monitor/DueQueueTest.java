package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DueQueueTest {
    private static final long T0 = 1_790_000_000_000L;

    private record Item(String name, long due) {
    }

    private static DueQueue<Item> queue() {
        return new DueQueue<>(Item::due);
    }

    @Test
    void handsOutOnlyWhatIsDueEvenWithinTheCurrentSlot() {
        DueQueue<Item> q = queue();
        Item a = new Item("a", T0 + 3);
        Item b = new Item("b", T0 + 7);
        q.add(b);
        q.add(a);
        assertNull(q.poll(T0 + 2));
        assertEquals(a, q.poll(T0 + 3));
        assertNull(q.poll(T0 + 6), "b is in the same slot but not due yet");
        assertEquals(b, q.poll(T0 + 7));
        assertNull(q.poll(T0 + 1_000_000));
    }

    @Test
    void anEarlierSlotComesBeforeALaterOneAndNothingIsLost() {
        DueQueue<Item> q = queue();
        SplittableRandom random = new SplittableRandom(5);
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Item item = new Item("c" + i, T0 + random.nextLong(60_000));
            all.add(item);
            q.add(item);
        }
        List<Item> out = new ArrayList<>();
        for (long now = T0; now <= T0 + 60_000; now += 50) {
            for (Item item = q.poll(now); item != null; item = q.poll(now)) {
                assertTrue(item.due() <= now, item + " handed out at " + now);
                assertTrue(item.due() > now - 50 - DueQueue.SLOT_MILLIS, item + " handed out late at " + now);
                out.add(item);
            }
        }
        assertEquals(all.size(), out.size());
        assertEquals(new HashSet<>(all), new HashSet<>(out));
    }

    @Test
    void aRemovedItemIsNotHandedOut() {
        DueQueue<Item> q = queue();
        Item a = new Item("a", T0);
        Item b = new Item("b", T0 + 1);
        q.add(a);
        q.add(b);
        assertTrue(q.remove(a));
        assertFalse(q.remove(a), "already gone");
        assertEquals(b, q.poll(T0 + 100));
        assertNull(q.poll(T0 + 100));
        assertFalse(q.remove(new Item("never", T0 + 5)));
    }
}
