package org.skynet.vms.core.cluster;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.skynet.vms.core.recording.RecordedCameras;

/**
 * The cameras a recorder node records: those whose lease its {@link LeaseKeeper} holds, with their epochs. It
 * hears of every lease acquired and lost and hands the start or stop of the recording to a thread of its own
 * (the keeper must not wait for the database or for files to close): one thread for starts, one for stops, so
 * that a stop never waits behind a batch of starts. Whatever order they run in, each refresh reads the current
 * answer of {@link #records}: a camera lost before its start ran is not started. Thread-safe.
 */
public final class LeasedCameras implements RecordedCameras, LeaseEpochs, LeaseListener, AutoCloseable {
    private final Map<String, Long> held = new ConcurrentHashMap<>();
    private final ExecutorService starts = Executors.newSingleThreadExecutor(daemon("vms-lease-starts"));
    private final ExecutorService stops = Executors.newSingleThreadExecutor(daemon("vms-lease-stops"));
    private volatile Consumer<String> refresh = cameraId -> { };

    /** Who brings a camera's recording in line with its lease (e.g. {@code RecordingService::refresh}). */
    public void follow(Consumer<String> refresh) {
        this.refresh = refresh;
    }

    @Override
    public boolean records(String cameraId) {
        return held.containsKey(cameraId);
    }

    @Override
    public OptionalLong epoch(String cameraId) {
        Long epoch = held.get(cameraId);
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
        held.remove(cameraId, epoch);
        stops.execute(() -> refresh.accept(cameraId));
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
