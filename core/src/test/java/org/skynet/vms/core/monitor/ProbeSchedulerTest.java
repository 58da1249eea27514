package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeSchedulerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Duration CONFIRM = Duration.ofSeconds(1);

    private static ProbeTarget target(int i) {
        return new ProbeTarget("cam-" + i, null, null, null, null, MINUTE);
    }

    /** The targets due at {@code now}, marked in flight. */
    private static List<ProbeTarget> due(ProbeScheduler s, Instant now) {
        return s.due(now).stream().map(DueProbe::target).toList();
    }

    @Test
    void firstProbesAreSpreadEvenlyOverOneInterval() {
        ProbeScheduler s = new ProbeScheduler(1_000_000, 0, CONFIRM, 1);
        for (int i = 0; i < 60_000; i++) {
            s.add(target(i), T0);
        }
        int[] perSecond = new int[60];
        for (int sec = 0; sec < 60; sec++) {
            Instant end = T0.plusSeconds(sec + 1);
            List<ProbeTarget> due = due(s, end.minusMillis(1));
            perSecond[sec] = due.size();
            due.forEach(t -> s.completed(t.cameraId(), end, false, true));
        }
        for (int sec = 0; sec < 60; sec++) {
            assertTrue(perSecond[sec] > 800 && perSecond[sec] < 1200, "second " + sec + " had " + perSecond[sec] + " probes");
        }
    }

    @Test
    void everyCameraIsProbedOncePerIntervalWithJitter() {
        ProbeScheduler s = new ProbeScheduler(1_000_000, 0.05, CONFIRM, 7);
        for (int i = 0; i < 1000; i++) {
            s.add(target(i), T0);
        }
        Map<String, Integer> count = new HashMap<>();
        for (int sec = 0; sec < 600; sec++) {
            Instant now = T0.plusSeconds(sec);
            for (ProbeTarget t : due(s, now)) {
                count.merge(t.cameraId(), 1, Integer::sum);
                s.completed(t.cameraId(), now, false, true);
            }
        }
        assertEquals(1000, count.size());
        count.values().forEach(n -> assertTrue(n >= 9 && n <= 11, "probes in 10 minutes: " + n));
    }

    @Test
    void jitterOnlyBringsProbesEarlySoNoCameraWaitsLongerThanItsInterval() {
        ProbeScheduler s = new ProbeScheduler(1_000_000, 0.05, CONFIRM, 11);
        for (int i = 0; i < 1000; i++) {
            s.add(target(i), T0);
        }
        Map<String, Long> last = new HashMap<>();
        long longestGap = 0;
        long shortestGap = Long.MAX_VALUE;
        for (long ms = 0; ms < 600_000; ms += 100) {
            Instant now = T0.plusMillis(ms);
            for (ProbeTarget t : due(s, now)) {
                Long before = last.put(t.cameraId(), ms);
                if (before != null) {
                    longestGap = Math.max(longestGap, ms - before);
                    shortestGap = Math.min(shortestGap, ms - before);
                }
                s.completed(t.cameraId(), now, false, true);
            }
        }
        assertTrue(longestGap <= MINUTE.toMillis() * 98 / 100 + 100, "longest gap between probes of a camera: " + longestGap + " ms");
        assertTrue(shortestGap >= MINUTE.toMillis() * 93 / 100 - 100, "shortest gap: " + shortestGap + " ms");
    }

    @Test
    void aMonitorThatFellBehindTakesUpItsPaceFromWhereItIs() {
        ProbeScheduler s = new ProbeScheduler(1_000_000, 0, CONFIRM, 3);
        for (int i = 0; i < 100; i++) {
            s.add(target(i), T0);
        }
        Instant late = T0.plusSeconds(150); // nothing probed for two and a half intervals
        List<ProbeTarget> due = due(s, late);
        assertEquals(100, due.size());
        due.forEach(t -> s.completed(t.cameraId(), late.plusMillis(20), false, true));
        assertTrue(due(s, late.plusSeconds(1)).isEmpty(), "not due again at once to make up for the lag");
        assertTrue(due(s, late.plus(MINUTE).minusMillis(1)).isEmpty(), "due one interval after the late probe started");
        assertEquals(100, due(s, late.plus(MINUTE)).size());
    }

    @Test
    void inFlightBoundHoldsBackTheRest() {
        ProbeScheduler s = new ProbeScheduler(10, 0, CONFIRM, 1);
        for (int i = 0; i < 100; i++) {
            s.add(target(i), T0);
        }
        List<ProbeTarget> first = due(s, T0.plus(MINUTE));
        assertEquals(10, first.size());
        assertTrue(due(s, T0.plus(MINUTE)).isEmpty(), "nothing more until one completes");
        s.completed(first.get(0).cameraId(), T0.plus(MINUTE), false, true);
        assertEquals(1, due(s, T0.plus(MINUTE)).size());
    }

    @Test
    void removedCameraIsNotProbedAndItsInFlightSlotIsFreed() {
        ProbeScheduler s = new ProbeScheduler(1, 0, CONFIRM, 1);
        s.add(target(1), T0);
        s.add(target(2), T0);
        ProbeTarget t = due(s, T0.plus(MINUTE)).get(0);
        s.remove(t.cameraId());
        s.completed(t.cameraId(), T0.plus(MINUTE), false, true);
        List<ProbeTarget> next = due(s, T0.plus(MINUTE));
        assertEquals(1, next.size());
        assertTrue(!next.get(0).cameraId().equals(t.cameraId()));
        assertEquals(1, s.size());
    }

    @Test
    void cameraAwaitingConfirmationIsReprobedSoonThenBackOnItsInterval() {
        ProbeScheduler s = new ProbeScheduler(10, 0, CONFIRM, 1);
        s.add(target(1), T0);
        Instant first = T0.plus(MINUTE);
        assertEquals(1, due(s, first).size());
        s.completed("cam-1", first, true, false);
        assertTrue(due(s, first.plusMillis(999)).isEmpty());
        assertEquals(1, due(s, first.plusSeconds(1)).size(), "re-probed one confirm delay later");
        s.completed("cam-1", first.plusSeconds(1), false, true);
        assertTrue(due(s, first.plusSeconds(30)).isEmpty(), "then back to the normal interval");
        assertEquals(1, due(s, first.plusSeconds(62)).size());
    }

    @Test
    void aConfirmingReprobeGoesAheadOfARegularBacklog() {
        ProbeScheduler s = new ProbeScheduler(1, 0, CONFIRM, 1);
        for (int i = 0; i < 50; i++) {
            s.add(target(i), T0);
        }
        Instant late = T0.plus(MINUTE);
        ProbeTarget failing = due(s, late).get(0);
        s.completed(failing.cameraId(), late, true, false);
        // 49 regular probes are overdue; the one slot goes to the confirming re-probe once it is due
        ProbeTarget regular = due(s, late).get(0);
        s.completed(regular.cameraId(), late, false, true);
        assertEquals(List.of(failing), due(s, late.plus(CONFIRM)), "the re-probe before the backlog");
    }

    @Test
    void aChangedCameraIsDueNowAndReplacingItDuringAProbeQueuesItOnce() {
        ProbeScheduler s = new ProbeScheduler(10, 0, CONFIRM, 1);
        s.addDueNow(target(1), T0);
        assertEquals(List.of(target(1)), due(s, T0), "registered now: due now, not within the interval");
        ProbeTarget changed = new ProbeTarget("cam-1", null, null, "new-user", null, MINUTE);
        s.addDueNow(changed, T0.plusMillis(10));
        assertEquals(List.of(), due(s, T0.plusMillis(20)), "still in flight: not probed twice at once");
        s.completed("cam-1", T0.plusMillis(30), false, true);
        assertEquals(List.of(changed), due(s, T0.plusMillis(40)), "the changed target is probed as soon as the old probe ends");
        s.completed("cam-1", T0.plusMillis(50), false, true);
        assertEquals(List.of(), due(s, T0.plusSeconds(59)), "queued once: the next probe is one interval later");
        assertEquals(1, due(s, T0.plusSeconds(61)).size());
    }

    @Test
    void okProbesInARowAreCountedAndOneThatIsNotOkOrANewTargetStartsAgain() {
        ProbeScheduler s = new ProbeScheduler(10, 0, CONFIRM, 1);
        s.addDueNow(target(1), T0);
        Instant now = T0;
        List<Integer> seen = new ArrayList<>();
        for (boolean ok : new boolean[] {true, true, false, true}) {
            List<DueProbe> due = s.due(now);
            assertEquals(1, due.size(), "due at " + now);
            seen.add(due.get(0).okInARow());
            s.completed("cam-1", now, false, ok);
            now = now.plus(MINUTE);
        }
        assertEquals(List.of(0, 1, 2, 0), seen);
        s.addDueNow(new ProbeTarget("cam-1", null, null, "new-user", null, MINUTE), now);
        assertEquals(0, s.due(now).get(0).okInARow(), "a changed target starts again");
    }
}
