package org.skynet.vms.core.monitor;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Items by the time they fall due, for {@link ProbeScheduler}: slots of {@value #SLOT_MILLIS} ms in time order,
 * the items of one slot in no particular order. {@link #poll} hands out only items whose time has come, and those
 * of an earlier slot before those of a later one.
 *
 * <p>Why not a binary heap: with 160,000 cameras in one heap every probe cost two sift passes through 17 levels
 * of items scattered over the heap, nearly all cache misses (a third of the monitor thread's time in the
 * 160,000-camera benchmark, JFR). Here queueing an item is a lookup among the few thousand slots of one interval
 * (a small tree that stays in cache) and an append; taking one is a step at the end of the first slot's list.
 *
 * <p>An item's due time must not change while it is queued. Not thread-safe.
 */
final class DueQueue<E> {
    static final long SLOT_MILLIS = 10;
    private final ToLongFunction<E> dueMillis;
    private final TreeMap<Long, ArrayList<E>> slots = new TreeMap<>();

    /** @param dueMillis an item's due time in milliseconds */
    DueQueue(ToLongFunction<E> dueMillis) {
        this.dueMillis = dueMillis;
    }

    void add(E item) {
        slots.computeIfAbsent(slotOf(item), s -> new ArrayList<>()).add(item);
    }

    /** Removes an item queued earlier; false when it is not here. */
    boolean remove(E item) {
        long slot = slotOf(item);
        ArrayList<E> items = slots.get(slot);
        if (items == null || !items.remove(item)) {
            return false;
        }
        if (items.isEmpty()) {
            slots.remove(slot);
        }
        return true;
    }

    /** An item due at or before {@code nowMillis}, taken out of the queue; null when none is. */
    E poll(long nowMillis) {
        Map.Entry<Long, ArrayList<E>> first = slots.firstEntry();
        if (first == null || first.getKey() * SLOT_MILLIS > nowMillis) {
            return null;
        }
        ArrayList<E> items = first.getValue();
        int last = items.size() - 1;
        // Most often the whole slot is due and the last item is taken; in the current slot, look for one.
        for (int i = last; i >= 0; i--) {
            E item = items.get(i);
            if (dueMillis.applyAsLong(item) <= nowMillis) {
                items.set(i, items.get(last));
                items.remove(last);
                if (items.isEmpty()) {
                    slots.pollFirstEntry();
                }
                return item;
            }
        }
        return null;
    }

    private long slotOf(E item) {
        return Math.floorDiv(dueMillis.applyAsLong(item), SLOT_MILLIS);
    }
}
