package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.users.ManualClock;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** Background jobs: progress while running, the ordered report when done, the running limit, forgetting. */
class OnboardingJobsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T06:00:00Z"));
    private final OnboardingJobs jobs = new OnboardingJobs(clock, 2, Duration.ofMinutes(10));

    @Test
    void showsProgressThenTheReport() {
        AtomicReference<CheckListener> listener = new AtomicReference<>();
        CompletableFuture<OnboardingReport> run = new CompletableFuture<>();
        String id = jobs.start(l -> {
            listener.set(l);
            return run;
        });
        assertFalse(jobs.get(id).orElseThrow().done());
        CheckResult reachable = new CheckResult("reachable", CheckStatus.PASS, "ok");
        listener.get().checkCompleted(reachable);
        assertEquals(List.of(reachable), jobs.get(id).orElseThrow().checks());
        assertNull(jobs.get(id).orElseThrow().report());

        OnboardingReport report = new OnboardingReport("PASS", List.of(reachable), null, List.of(), null, null, null);
        run.complete(report);
        OnboardingJobs.JobView done = jobs.get(id).orElseThrow();
        assertTrue(done.done());
        assertEquals(report, done.report());
        assertTrue(jobs.get("unknown").isEmpty());
    }

    @Test
    void limitsRunningJobsAndForgetsFinishedOnes() {
        CompletableFuture<OnboardingReport> first = new CompletableFuture<>();
        String a = jobs.start(l -> first);
        jobs.start(l -> new CompletableFuture<>());
        VmsException full = assertThrows(VmsException.class, () -> jobs.start(l -> new CompletableFuture<>()));
        assertEquals(ErrorKind.LIMIT_EXCEEDED, full.kind());

        first.completeExceptionally(new IllegalStateException("boom"));
        assertEquals("FAIL", jobs.get(a).orElseThrow().report().verdict(), "a broken run still ends as FAIL");
        clock.advance(Duration.ofMinutes(11));
        jobs.start(l -> new CompletableFuture<>());
        assertTrue(jobs.get(a).isEmpty(), "finished jobs are forgotten after 10 minutes");
    }
}
