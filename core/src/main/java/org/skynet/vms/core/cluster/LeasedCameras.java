package org.skynet.vms.core.cluster;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.skynet.vms.core.recording.RecordedCameras;

/**
 * The cameras a recorder node records: those whose lease its {@link LeaseKeeper} holds, with their epochs. It
 * hears of every lease acquired and lost. A loss stops the camera's session at once, on the keeper's thread
 * (that only closes the connection: no database, no lock of the recording service), before the keeper
 * releases the lease; the full refresh of a camera (which reads the database) runs on a thread of its own, one
 * for starts and one for stops, so that a stop never waits behind a batch of starts and the keeper never waits.
 * Whatever order they run in, each refresh reads the current answer of {@link #records}: a camera lost before
 * its start ran is not started. A camera being released ({@link #releasing}) is no longer recorded but keeps
 * its epoch until its files are closed and their rows stored, so that those last rows pass the fence; that stop
 * runs on the stop thread and waits for a start of the camera under way, whose file it then closes too.
 * Thread-safe.
 */
public final class LeasedCameras implements RecordedCameras, LeaseEpochs, LeaseListener, AutoCloseable {
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final Map<String, Long> closing = new ConcurrentHashMap<>();
    private final ExecutorService starts = Executors.newSingleThreadExecutor(daemon("vms-lease-starts"));
    private final ExecutorService stops = Executors.newSingleThreadExecutor(daemon("vms-lease-stops"));
    private volatile Consumer<String> refresh = cameraId -> { };
    private volatile Consumer<String> stop = cameraId -> { };
    private volatile Function<String, CompletionStage<Void>> stopAndStore =
            cameraId -> CompletableFuture.completedFuture(null);

    /**
     * Who brings a camera's recording in line with its lease.
     *
     * @param refresh reads and applies what the camera should be now (e.g. {@code RecordingService::refresh})
     * @param stop    stops it at once without blocking (e.g. {@code RecordingService::stop})
     * @param stopAndStore stops it at once without blocking and completes once its rows are stored (e.g.
     *                {@code RecordingService::stopAndStore})
     */
    public void follow(Consumer<String> refresh, Consumer<String> stop,
            Function<String, CompletionStage<Void>> stopAndStore) {
        this.refresh = refresh;
        this.stop = stop;
        this.stopAndStore = stopAndStore;
    }

    @Override
    public boolean records(String cameraId) {
        return held.containsKey(cameraId);
    }

    @Override
    public OptionalLong epoch(String cameraId) {
        Long epoch = held.getOrDefault(cameraId, closing.get(cameraId));
        return epoch == null ? OptionalLong.empty() : OptionalLong.of(epoch);
    }

    /** How many cameras the node holds now. */
    public int count() {
        return held.size();
    }

    @Override
    public void acquired(String cameraId, long epoch) {
        held.put(cameraId, epoch);
        starts.execute(() -> refresh.accept(cameraId));
    }

    @Override
    public void lost(String cameraId, long epoch) {
        boolean recording = held.remove(cameraId, epoch);
        if (closing.remove(cameraId, epoch) | recording) {
            stop.accept(cameraId);
        }
        stops.execute(() -> refresh.accept(cameraId));
    }

    @Override
    public CompletionStage<Void> releasing(String cameraId, long epoch) {
        if (!held.remove(cameraId, epoch)) {
            stops.execute(() -> refresh.accept(cameraId));
            return CompletableFuture.completedFuture(null);
        }
        closing.put(cameraId, epoch);
        return CompletableFuture.supplyAsync(() -> stopAndStore.apply(cameraId), stops).thenCompose(s -> s)
                .whenComplete((v, e) -> closing.remove(cameraId, epoch));
    }

    /** Stops both threads, letting queued refreshes finish (5 s at most). */
    @Override
    public void close() throws InterruptedException {
        starts.shutdown();
        stops.shutdown();
        starts.awaitTermination(5, TimeUnit.SECONDS);
        stops.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
