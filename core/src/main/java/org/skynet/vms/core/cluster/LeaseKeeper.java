package org.skynet.vms.core.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one node's camera leases. Every {@link LeaseSettings#renewInterval} a round heartbeats the node's row,
 * renews all its leases in one statement, and claims or sheds cameras by {@link LeaseBalance}; the first active
 * node (by id) also {@link LeaseStore#sync syncs} the lease rows with the recorded cameras every
 * {@link LeaseSettings#syncInterval}, the others recount them. The {@link LeaseListener} hears of every camera
 * acquired and lost.
 *
 * <p>Giving a camera up (balancing) is two steps: the listener is told it is {@link LeaseListener#releasing}
 * and the lease stays the node's, renewed under the same epoch, until the listener has stored the camera's last
 * rows (at most {@link #RELEASE_WAIT}; then the camera is reported lost); only then is the lease released in the
 * database, under the round lock so that no renewal in flight brings it back. A loss that is not the node's
 * choice (fenced, expired, taken) is reported at once, releasing cameras included.
 *
 * <p>Self-fencing: a successful renewal that started at {@code t} (monotonic clock) keeps the node's leases
 * until at least {@code t + ttl} in the database's clock. If no later renewal succeeds, the keeper reports every
 * lease lost at {@code t + ttl - fenceMargin}, on a timer of its own (a round stuck on an unreachable database
 * does not delay it), before any other node can claim the cameras. The executor therefore needs two threads
 * per keeper to be exact; {@link #start(LeaseStore, String, LeaseSettings, Supplier, LeaseListener)} makes one.
 * Thread-safe.
 */
public final class LeaseKeeper implements LeaseEpochs, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);
    /** How long a camera given up may take to store its last rows before its lease is released anyway. */
    public static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    /** Told how long each step of a round took (for metrics and benchmarks). */
    @FunctionalInterface
    public interface StepTimer {
        StepTimer NONE = (step, nanos) -> { };

        /**
         * @param step  {@code heartbeat}, {@code renew}, {@code nodes}, {@code sync}, {@code count}, {@code claim}
         *              or {@code shed}
         * @param nanos its duration
         */
        void record(String step, long nanos);
    }

    private final LeaseStore store;
    private final String nodeId;
    private final LeaseSettings settings;
    private final Supplier<NodeFigures> figures;
    private final LeaseListener listener;
    private final ScheduledExecutorService executor;
    private final boolean ownExecutor;
    private final LongSupplier nanoTime;
    private final StepTimer timer;
    private final ReentrantLock roundLock = new ReentrantLock();
    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, Long> releasing = new HashMap<>();
    private final Queue<Lease> stored = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;
    private boolean fenced;
    private long fenceDeadlineNanos;
    private ScheduledFuture<?> fenceTask;
    private ScheduledFuture<?> rounds;
    private boolean registered;
    private int recorded = -1;
    private long nextSyncNanos;

    /**
     * A keeper on a shared executor (give it at least two threads per keeper that may block on the database, or
     * fencing may be late).
     *
     * @param nanoTime the monotonic clock fencing is measured on ({@code System::nanoTime} outside tests)
     */
    public LeaseKeeper(LeaseStore store, String nodeId, LeaseSettings settings, Supplier<NodeFigures> figures,
            LeaseListener listener, ScheduledExecutorService executor, LongSupplier nanoTime, StepTimer timer) {
        this(store, nodeId, settings, figures, listener, executor, false, nanoTime, timer);
    }

    private LeaseKeeper(LeaseStore store, String nodeId, LeaseSettings settings, Supplier<NodeFigures> figures,
            LeaseListener listener, ScheduledExecutorService executor, boolean ownExecutor, LongSupplier nanoTime,
            StepTimer timer) {
        if (nodeId == null || nodeId.isBlank() || nodeId.length() > 64) {
            throw new IllegalArgumentException("node id must be 1 to 64 characters, got '" + nodeId + "'");
        }
        this.store = store;
        this.nodeId = nodeId;
        this.settings = settings;
        this.figures = figures;
        this.listener = listener;
        this.executor = executor;
        this.ownExecutor = ownExecutor;
        this.nanoTime = nanoTime;
        this.timer = timer;
    }

    /** A keeper with its own two threads and the system's monotonic clock, started. */
    public static LeaseKeeper start(LeaseStore store, String nodeId, LeaseSettings settings,
            Supplier<NodeFigures> figures, LeaseListener listener) {
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "vms-leases-" + nodeId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        LeaseKeeper keeper = new LeaseKeeper(store, nodeId, settings, figures, listener, executor, true,
                System::nanoTime, StepTimer.NONE);
        keeper.start();
        return keeper;
    }

    /** Runs the first round now and then one every renew interval. */
    public synchronized void start() {
        if (rounds != null) {
            throw new IllegalStateException("lease keeper of node " + nodeId + " already started");
        }
        long interval = settings.renewInterval().toNanos();
        rounds = executor.scheduleWithFixedDelay(this::round, 0, interval, TimeUnit.NANOSECONDS);
    }

    public String nodeId() {
        return nodeId;
    }

    /** The leases held now: camera id → epoch. */
    public synchronized Map<String, Long> held() {
        return Map.copyOf(held);
    }

    @Override
    public synchronized OptionalLong epoch(String cameraId) {
        Long epoch = held.get(cameraId);
        return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
    }

    /** Whether the node fenced itself and has not renewed since. */
    public synchronized boolean fenced() {
        return fenced;
    }

    /**
     * One round: heartbeat, renewal, and balancing. Scheduled by {@link #start}; callable directly (tests), never
     * two at once. A failure is logged and the next round tries again; the fence timer keeps running.
     */
    public void round() {
        roundLock.lock();
        try {
            if (!closed) {
                balance(renew());
                releaseStored();
            }
        } catch (RuntimeException e) {
            LOG.warn("lease round of node {} failed (holding {}, fenced {}): {}", nodeId, held().size(), fenced(),
                    e.getMessage());
        } finally {
            roundLock.unlock();
        }
    }

    /**
     * Stops the rounds, reports every lease lost, frees them in the database and marks the node STOPPED. The
     * database steps are best effort: leases that could not be freed expire after the TTL.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (rounds != null) {
                rounds.cancel(false);
            }
        }
        roundLock.lock();
        try {
            synchronized (this) {
                cancelFence();
                loseAll();
            }
            int released = store.releaseAll(nodeId);
            store.heartbeat(nodeId, figures.get(), NodeState.STOPPED, 0, false);
            LOG.info("node {} stopped, {} leases released", nodeId, released);
        } catch (RuntimeException e) {
            LOG.warn("node {} stopped without releasing its leases (they expire after {}): {}", nodeId, settings.ttl(),
                    e.getMessage());
        } finally {
            roundLock.unlock();
            if (ownExecutor) {
                executor.shutdownNow();
            }
        }
    }

    /** Heartbeat and renewal; the leases still held, or null when the renewal came back too late. */
    private List<Lease> renew() {
        NodeFigures f = figures.get();
        int cameras = held().size();
        timed("heartbeat", () -> {
            store.heartbeat(nodeId, f, NodeState.ACTIVE, cameras, !registered);
            return null;
        });
        registered = true;
        long started = nanoTime.getAsLong();
        List<Lease> renewed = timed("renew", () -> store.renew(nodeId, settings.ttl()));
        return applyRenewal(renewed, started) ? renewed : null;
    }

    private void balance(List<Lease> renewed) {
        if (renewed == null) {
            return;
        }
        NodeFigures f = figures.get();
        List<ActiveNode> active = timed("nodes", () -> store.activeNodes(settings.ttl()));
        long now = nanoTime.getAsLong();
        if (recorded < 0 || now - nextSyncNanos >= 0) {
            boolean janitor = active.isEmpty() || active.get(0).nodeId().equals(nodeId);
            recorded = janitor ? timed("sync", store::sync) : timed("count", store::recordedCameras);
            // none yet (a cluster starting before its first sync): look again next round, not in 30 s
            long jitter = recorded == 0 ? 0
                    : (long) (settings.syncInterval().toNanos() * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
            nextSyncNanos = now + jitter;
        }
        LeaseBalance plan = LeaseBalance.plan(nodeId, f.capacity(), held().size(), recorded, active, settings);
        if (plan.claim() > 0) {
            acquire(timed("claim", () -> store.claim(nodeId, plan.claim(), settings.ttl())));
        } else if (plan.shed() > 0) {
            timed("shed", () -> shed(plan.shed()));
        }
    }

    private synchronized boolean applyRenewal(List<Lease> renewed, long startedNanos) {
        long deadline = startedNanos + settings.ttl().toNanos() - settings.fenceMargin().toNanos();
        if (nanoTime.getAsLong() - deadline >= 0) {
            fence("the renewal came back after the fence deadline");
            return false;
        }
        Map<String, Long> now = new HashMap<>();
        for (Lease l : renewed) {
            now.put(l.cameraId(), l.epoch());
        }
        for (Map<String, Long> mine : List.of(held, releasing)) {
            mine.entrySet().removeIf(e -> {
                if (!e.getValue().equals(now.get(e.getKey()))) {
                    listener.lost(e.getKey(), e.getValue());
                    return true;
                }
                return false;
            });
        }
        now.forEach((camera, epoch) -> {
            if (!releasing.containsKey(camera) && held.putIfAbsent(camera, epoch) == null) {
                listener.acquired(camera, epoch);
            }
        });
        if (fenced) {
            LOG.info("node {} renews again and holds {} cameras", nodeId, held.size());
            fenced = false;
        }
        fenceDeadlineNanos = deadline;
        cancelFence();
        fenceTask = executor.schedule(this::fenceIfDue, deadline - nanoTime.getAsLong(), TimeUnit.NANOSECONDS);
        return true;
    }

    private synchronized void acquire(List<Lease> claimed) {
        if (fenced || closed) {
            return; // they expire unrenewed
        }
        for (Lease l : claimed) {
            held.put(l.cameraId(), l.epoch());
            listener.acquired(l.cameraId(), l.epoch());
        }
    }

    /** Gives up to {@code n} of the newest leases up; each is released once its rows are stored. */
    private Integer shed(int n) {
        int given = 0;
        for (Lease l : store.newest(nodeId, n)) {
            CompletionStage<Void> rows;
            synchronized (this) {
                if (!Long.valueOf(l.epoch()).equals(held.get(l.cameraId()))) {
                    continue;
                }
                held.remove(l.cameraId());
                releasing.put(l.cameraId(), l.epoch());
                rows = listener.releasing(l.cameraId(), l.epoch());
            }
            given++;
            rows.toCompletableFuture().orTimeout(RELEASE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, error) -> rowsStored(l, error));
        }
        return given;
    }

    private void rowsStored(Lease lease, Throwable error) {
        if (error != null) {
            LOG.warn("node {}: camera {} given up, its last rows not stored within {} ms ({}); released anyway",
                    nodeId, lease.cameraId(), RELEASE_WAIT.toMillis(), error.toString());
            synchronized (this) {
                if (releasing.remove(lease.cameraId(), lease.epoch())) {
                    listener.lost(lease.cameraId(), lease.epoch());
                }
            }
        }
        stored.add(lease);
        try {
            executor.execute(() -> {
                if (roundLock.tryLock()) { // else the round under way releases it
                    try {
                        releaseStored();
                    } catch (RuntimeException e) {
                        LOG.warn("node {}: releasing given-up leases failed (next round tries again): {}", nodeId,
                                e.getMessage());
                    } finally {
                        roundLock.unlock();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("node {} closed: lease of {} released with all the others", nodeId, lease.cameraId());
        }
    }

    /**
     * Releases in the database the leases given up whose rows are stored. Under the round lock: no renewal is in
     * flight, so none brings a lease back once it is no longer {@code releasing}. A failed release is tried again.
     */
    private void releaseStored() {
        for (Lease l = stored.poll(); l != null; l = stored.poll()) {
            try {
                store.release(nodeId, l);
            } catch (RuntimeException e) {
                stored.add(l);
                throw e;
            }
            synchronized (this) {
                releasing.remove(l.cameraId(), l.epoch());
            }
        }
    }

    private synchronized void fenceIfDue() {
        if (!fenced && nanoTime.getAsLong() - fenceDeadlineNanos >= 0) {
            fence("no renewal succeeded since " + settings.ttl().minus(settings.fenceMargin()).toMillis() + " ms");
        }
    }

    private void fence(String why) {
        if (!held.isEmpty()) {
            LOG.warn("node {} fences itself: {}; stops writing its {} cameras", nodeId, why, held.size());
        }
        loseAll();
        fenced = true;
    }

    private void loseAll() {
        held.forEach(listener::lost);
        held.clear();
        releasing.forEach(listener::lost);
        releasing.clear();
    }

    private void cancelFence() {
        if (fenceTask != null) {
            fenceTask.cancel(false);
            fenceTask = null;
        }
    }

    private <T> T timed(String step, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            timer.record(step, System.nanoTime() - start);
        }
    }
}
