package org.skynet.vms.core.recording;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.recorder.clips.ClipFile;
import org.skynet.vms.recorder.clips.ClipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts clip files into the {@link ClipStore} on its own thread, so a slow database never holds up the
 * writers. Clips are rare (a few rows per event), so rows go one at a time, in order. A row that cannot
 * be written is logged with the file's path; the file itself stays on disk.
 */
public final class ClipCatalogueWriter implements ClipListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClipCatalogueWriter.class);

    private final ClipStore store;
    private final Path root;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vms-clip-catalogue");
        t.setDaemon(true);
        return t;
    });

    /** @param root the clip storage root rows are relative to */
    public ClipCatalogueWriter(ClipStore store, Path root) {
        this.store = store;
        this.root = root;
    }

    @Override
    public void opened(ClipFile clip) {
        executor.execute(() -> write(clip));
    }

    @Override
    public void closed(ClipFile clip) {
        executor.execute(() -> write(clip));
    }

    /** Writes what is queued (up to 10 s), then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("clip catalogue rows still queued after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(ClipFile clip) {
        try {
            store.upsert(root, clip);
        } catch (RuntimeException e) {
            LOG.error("{}: clip {} not catalogued ({} trigger): {}", clip.file().cameraId(), clip.file().path(),
                    clip.trigger().type(), e.toString());
        }
    }
}
