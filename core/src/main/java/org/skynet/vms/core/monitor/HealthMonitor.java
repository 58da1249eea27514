package org.skynet.vms.core.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every registered camera under watch: one monitor thread ticks the {@link ProbeScheduler},
 * starts due probes through the non-blocking {@link Prober}, and applies their results to
 * {@link CameraHealthStates} when they complete. Probes run on Netty event loops; their completions
 * are handed back to the monitor thread, so the scheduler and the state machine see one thread only.
 * State changes go to the listeners (alarms, persistence, live push) on the monitor thread: listeners
 * must not block. Completions are queued and taken by the monitor thread in batches: one hand-over (and at most
 * one wake-up of the monitor thread) per batch rather than per probe, which at 5,000 probes a second was a
 * lock and a futex call each. Recorded cameras are watched through their live stream instead ({@link #watchStreams},
 * {@link LiveStreamHealth}): their due probes are skipped.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final ProbeScheduler scheduler;
    private final CameraHealthStates states;
    private final Prober prober;
    private final Clock clock;
    private final LiveStreamHealth streams = new LiveStreamHealth();
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread;
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private ScheduledFuture<?> ticking;

    /** A probe's end, as the prober reported it: a result, or the error it failed with. */
    private record Completion(String cameraId, ProbeResult result, Throwable error) {
    }

    public HealthMonitor(ProbeScheduler scheduler, CameraHealthStates states, Prober prober, Clock clock) {
        this.scheduler = scheduler;
        this.states = states;
        this.prober = prober;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers a listener of state changes; called on the monitor thread. */
    public void onChange(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /** Starts ticking every {@code tickMillis}. */
    public synchronized void start(long tickMillis) {
        if (ticking == null) {
            ticking = thread.scheduleWithFixedDelay(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Watches the cameras of {@code sessions} (the recorder's ingest sessions) through their live stream,
     * looking at them every {@code every}; {@code sessions} must not block.
     */
    public void watchStreams(Supplier<Collection<IngestSnapshot>> sessions, Duration every) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                Instant now = clock.instant();
                streams.observe(sessions.get()).forEach((id, result) -> {
                    if (states.get(id).isPresent()) {
                        states.probed(id, now, result).ifPresent(this::publish);
                    }
                });
            } catch (RuntimeException e) {
                log.error("looking at the live streams failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts watching a camera, or updates its target (URL, credentials, interval). */
    public void watch(ProbeTarget target) {
        thread.execute(() -> {
            Instant now = clock.instant();
            states.tracked(target.cameraId(), now);
            scheduler.add(target, now);
        });
    }

    /** Starts watching a camera just registered or changed, or updates its target: its next probe is due now. */
    public void watchNow(ProbeTarget target) {
        thread.execute(() -> {
            Instant now = clock.instant();
            states.tracked(target.cameraId(), now);
            scheduler.addDueNow(target, now);
        });
    }

    /** Stops watching a camera (deleted or disabled). */
    public void unwatch(String cameraId) {
        thread.execute(() -> {
            scheduler.remove(cameraId);
            states.untracked(cameraId);
        });
    }

    /** Applies an event that did not come from a probe (maintenance, the live stream of a recorded camera). */
    public void apply(java.util.function.Function<CameraHealthStates, Optional<StateChange>> event) {
        thread.execute(() -> event.apply(states).ifPresent(this::publish));
    }

    public CameraHealthStates states() {
        return states;
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            for (DueProbe due : scheduler.due(now)) {
                String id = due.target().cameraId();
                if (streams.watched(id)) {
                    scheduler.completed(id, now, false, false);
                    continue;
                }
                prober.probe(due.target(), due.okInARow()).whenComplete((result, error) -> handOver(
                        new Completion(id, result, error)));
            }
        } catch (RuntimeException e) {
            log.error("monitor tick failed", e);
        }
    }

    /** On the prober's thread: queues the completion, and the monitor thread's drain unless one is pending. */
    private void handOver(Completion c) {
        completions.add(c);
        if (draining.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        draining.set(false); // completions queued from here on schedule another drain
        for (Completion c = completions.poll(); c != null; c = completions.poll()) {
            try {
                completed(c.cameraId(), c.result(), c.error());
            } catch (RuntimeException e) {
                log.error("applying the probe result of {} failed", c.cameraId(), e);
            }
        }
    }

    private void completed(String cameraId, ProbeResult result, Throwable error) {
        Instant now = clock.instant();
        ProbeResult r = error == null ? result
                : new ProbeResult(ProbeOutcome.PROTOCOL, 0, "probe failed: " + error.getMessage());
        if (r == null || states.get(cameraId).isEmpty()) {
            scheduler.completed(cameraId, now, false, false);
            return; // unwatched while the probe was in flight: do not bring it back
        }
        states.probed(cameraId, now, r).ifPresent(this::publish);
        scheduler.completed(cameraId, now, states.get(cameraId).map(CameraHealth::awaitingConfirmation).orElse(false),
                r.outcome() == ProbeOutcome.OK);
    }

    private void publish(StateChange change) {
        for (Consumer<StateChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.warn("state-change listener failed for {}: {}", change.cameraId(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
