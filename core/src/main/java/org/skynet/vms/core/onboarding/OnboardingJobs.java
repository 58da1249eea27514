package org.skynet.vms.core.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Onboarding runs started in the background, so the console can show checks as they complete:
 * {@link #start} returns an id at once, {@link #get} returns the checks so far, a done flag and, when
 * done, the report. In memory only (the lasting record is {@link OnboardingStore}); finished jobs are
 * forgotten {@code keep} after they end, and at most {@code maxRunning} run at once. Thread-safe.
 */
public final class OnboardingJobs {
    /** A job as the API shows it. */
    public record JobView(String id, boolean done, List<CheckResult> checks, OnboardingReport report) {
    }

    private static final class Job {
        final String id;
        final List<CheckResult> checks = new CopyOnWriteArrayList<>();
        volatile OnboardingReport report;
        volatile Instant finishedAt;

        Job(String id) {
            this.id = id;
        }

        JobView view() {
            OnboardingReport r = report;
            // Once done, the report's ordered list replaces the arrival-ordered progress.
            return new JobView(id, r != null, r != null ? r.checks() : List.copyOf(checks), r);
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxRunning;
    private final Duration keep;

    /**
     * @param maxRunning how many jobs may run at once; more fail with {@code LIMIT_EXCEEDED}
     * @param keep how long a finished job stays readable
     */
    public OnboardingJobs(Clock clock, int maxRunning, Duration keep) {
        this.clock = clock;
        this.maxRunning = maxRunning;
        this.keep = keep;
    }

    /**
     * Starts a job.
     *
     * @param run starts the check with the given progress listener; its future must complete normally
     *     or exceptionally within the check's budget
     * @return the job id (random, unguessable)
     */
    public String start(Function<CheckListener, CompletableFuture<OnboardingReport>> run) {
        prune();
        long running = jobs.values().stream().filter(j -> j.report == null).count();
        if (running >= maxRunning) {
            throw new VmsException(ErrorKind.LIMIT_EXCEEDED, running + " onboarding checks are running already;"
                    + " try again when one has finished");
        }
        Job job = new Job(UUID.randomUUID().toString());
        jobs.put(job.id, job);
        run.apply(job.checks::add).whenComplete((report, e) -> {
            job.report = report != null ? report : new OnboardingReport(OnboardingReport.FAIL,
                    List.of(new CheckResult(Check.REACHABLE.wireName(), CheckStatus.FAIL,
                            "the check failed: " + (e == null ? "no report" : e.getMessage()))),
                    null, List.of(), null, null, null);
            job.finishedAt = clock.instant();
        });
        return job.id;
    }

    /** The job, unless unknown or forgotten. */
    public Optional<JobView> get(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::view);
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(keep);
        jobs.values().removeIf(j -> j.finishedAt != null && j.finishedAt.isBefore(cutoff));
    }
}
