package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CameraHealthStatesTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private final CameraHealthStates states = new CameraHealthStates(new HealthPolicy(3, 2, 2000));

    private static ProbeResult fail() {
        return new ProbeResult(ProbeOutcome.TIMEOUT, 5000, "connect timed out after 5 s");
    }

    private Optional<StateChange> probe(int minute, ProbeResult r) {
        return states.probed("cam-1", T0.plus(Duration.ofMinutes(minute)), r);
    }

    @Test
    void firstGoodProbeIsOnlineWithSince() {
        StateChange c = probe(0, ProbeResult.ok(40)).orElseThrow();
        assertEquals(HealthState.UNKNOWN, c.from());
        assertEquals(HealthState.ONLINE, c.to());
        assertEquals(T0, states.get("cam-1").orElseThrow().since());
    }

    @Test
    void offlineOnlyAfterThreeFailuresInARow() {
        probe(0, ProbeResult.ok(40));
        assertTrue(probe(1, fail()).isEmpty());
        assertTrue(probe(2, fail()).isEmpty());
        StateChange c = probe(3, fail()).orElseThrow();
        assertEquals(HealthState.OFFLINE, c.to());
        assertTrue(c.reason().contains("3 probes in a row"), c.reason());
        assertEquals(T0.plus(Duration.ofMinutes(3)), states.get("cam-1").orElseThrow().since());
    }

    @Test
    void oneGoodProbeBetweenFailuresResetsTheCount() {
        probe(0, ProbeResult.ok(40));
        probe(1, fail());
        probe(2, fail());
        probe(3, ProbeResult.ok(40));
        assertTrue(probe(4, fail()).isEmpty());
        assertEquals(HealthState.ONLINE, states.get("cam-1").orElseThrow().state());
    }

    @Test
    void recoveryNeedsTwoGoodProbes() {
        probe(0, fail());
        probe(1, fail());
        probe(2, fail());
        assertTrue(probe(3, ProbeResult.ok(40)).isEmpty(), "one good probe is not enough to recover");
        assertEquals(HealthState.ONLINE, probe(4, ProbeResult.ok(40)).orElseThrow().to());
    }

    @Test
    void flappingEveryOtherProbeNeverGoesOffline() {
        probe(0, ProbeResult.ok(40));
        int changes = 0;
        for (int i = 1; i < 100; i++) {
            changes += probe(i, i % 2 == 0 ? ProbeResult.ok(40) : fail()).isPresent() ? 1 : 0;
        }
        assertEquals(0, changes);
    }

    @Test
    void slowAnswerIsDegradedAndAuthRefusalIsImmediate() {
        assertEquals(HealthState.DEGRADED, probe(0, ProbeResult.ok(2500)).orElseThrow().to());
        StateChange auth = probe(1, new ProbeResult(ProbeOutcome.AUTH_FAILED, 30, "401 on DESCRIBE")).orElseThrow();
        assertEquals(HealthState.AUTH_FAILED, auth.to());
        assertTrue(auth.reason().contains("401 on DESCRIBE"));
    }

    @Test
    void maintenanceMutesProbesUntilItEnds() {
        probe(0, ProbeResult.ok(40));
        states.maintenanceStarted("cam-1", T0.plusSeconds(60), "replacing lens", T0.plus(Duration.ofMinutes(30)));
        for (int i = 2; i < 10; i++) {
            assertTrue(probe(i, fail()).isEmpty());
        }
        assertEquals(HealthState.MAINTENANCE, states.get("cam-1").orElseThrow().state());
        StateChange after = probe(31, ProbeResult.ok(40)).orElseThrow();
        assertEquals(HealthState.ONLINE, after.to());
    }

    @Test
    void awaitsConfirmationWhileFailuresOrRecoveryAreUndecided() {
        probe(0, ProbeResult.ok(40));
        assertTrue(!states.get("cam-1").orElseThrow().awaitingConfirmation());
        probe(1, fail());
        assertTrue(states.get("cam-1").orElseThrow().awaitingConfirmation(), "one failure: confirm soon");
        probe(2, fail());
        probe(3, fail());
        assertTrue(!states.get("cam-1").orElseThrow().awaitingConfirmation(), "OFFLINE is decided");
        probe(4, ProbeResult.ok(40));
        assertTrue(states.get("cam-1").orElseThrow().awaitingConfirmation(), "one good probe: confirm recovery soon");
        probe(5, ProbeResult.ok(40));
        assertTrue(!states.get("cam-1").orElseThrow().awaitingConfirmation());
    }
}
