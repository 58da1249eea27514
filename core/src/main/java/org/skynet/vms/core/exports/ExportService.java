package org.skynet.vms.core.exports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Export jobs: {@link #request} checks the input, stores a pending row, audits
 * {@code recording.export}, and queues the job on one dedicated thread (large ranges never hold up a
 * request thread, and two exports never compete for the heap). The job writes
 * {@code <root>/<id>/} with {@link ExportWriter}; then the row becomes {@code done} and
 * {@code recording.export.done} is audited with the manifest's SHA-256, which ties the signed
 * manifest to the hash-chained audit log. A failed job's directory is removed. Exports still pending
 * at start-up were cut off by a restart and are marked failed. Thread-safe.
 */
public final class ExportService implements AutoCloseable {
    /** Longest range one export may cover. */
    public static final Duration MAX_RANGE = Duration.ofHours(24);
    /** Exports listed at most. */
    public static final int MAX_LISTED = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);

    private final ExportStore store;
    private final ExportWriter writer;
    private final CameraRegistry registry;
    private final AuditLog audit;
    private final Path root;
    private final Clock clock;
    private final ExecutorService executor;

    /**
     * @param root where export directories go ({@code exports.root}, default {@code <data>/exports})
     */
    public ExportService(ExportStore store, ExportWriter writer, CameraRegistry registry, AuditLog audit, Path root,
            Clock clock) {
        this.store = store;
        this.writer = writer;
        this.registry = registry;
        this.audit = audit;
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vms-export");
            t.setDaemon(true);
            return t;
        });
        int interrupted = store.failAllPending("interrupted by a server restart; request the export again",
                clock.instant());
        if (interrupted > 0) {
            LOG.warn("{} exports were cut off by a restart and are marked failed", interrupted);
        }
    }

    /**
     * Queues an export of {@code cameraId} for {@code [from, to)}.
     *
     * @throws VmsException NOT_FOUND for an unknown camera or one outside {@code scope}; INVALID_ARGUMENT for
     *                      an empty, reversed or over-long range (naming {@code to})
     */
    public ExportRecord request(String user, DistrictScope scope, String cameraId, Instant from, Instant to,
            String remoteAddress) {
        Camera camera = registry.get(cameraId, scope);
        if (!from.isBefore(to)) {
            throw VmsException.invalid("to", "to must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw VmsException.invalid("to", "an export covers at most " + MAX_RANGE.toHours() + " hours; split it");
        }
        ExportRecord r = new ExportRecord(UUID.randomUUID().toString(), camera.id(), from, to, user, clock.instant(),
                ExportRecord.PENDING, null, null, null);
        store.insert(r);
        audit.record(user, "recording.export", camera.id(), "export " + r.id() + " from " + from + " to " + to,
                remoteAddress);
        ExportManifest.CameraInfo info = new ExportManifest.CameraInfo(camera.id(), camera.name(), camera.district());
        executor.execute(() -> run(r, info));
        return r;
    }

    /**
     * The export, NOT_FOUND when it does not exist or its camera is outside {@code scope} (an export of a
     * removed camera only for unscoped callers).
     */
    public ExportRecord get(String id, DistrictScope scope) {
        String absent = "no export with id " + id;
        return store.find(id).filter(r -> registry.visible(r.cameraId(), scope))
                .orElseThrow(() -> VmsException.notFound(absent));
    }

    /** The newest exports of cameras in {@code scope} first. */
    public List<ExportRecord> list(DistrictScope scope) {
        return store.newest(MAX_LISTED, scope);
    }

    /** The directory of an export (complete once it is done). */
    private Path directory(String id) {
        return root.resolve(id);
    }

    /**
     * A file of a finished export in {@code scope}, for download.
     *
     * @throws VmsException NOT_FOUND for an unknown export or file; CONFLICT while not done
     */
    public Path file(String id, DistrictScope scope, String name) {
        ExportRecord r = get(id, scope);
        if (!ExportRecord.DONE.equals(r.state())) {
            throw VmsException.conflict("export " + id + " is " + r.state() + "; files are there once it is done");
        }
        if (!ExportCheck.FILE_NAME.matcher(name).matches() || !Files.isRegularFile(directory(id).resolve(name))) {
            throw VmsException.notFound("export " + id + " has no file " + name);
        }
        return directory(id).resolve(name);
    }

    /** The file names of a finished export, sorted; empty while it is not done. */
    public List<String> fileNames(ExportRecord r) {
        if (!ExportRecord.DONE.equals(r.state())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory(r.id()))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            LOG.warn("cannot list export {}: {}", r.id(), e.toString());
            return List.of();
        }
    }

    /** Lets a running export finish (up to 30 s), then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(ExportRecord r, ExportManifest.CameraInfo camera) {
        Path dir = directory(r.id());
        try {
            byte[] manifest = writer.write(r, camera, dir);
            String sha = Sha256.hex(manifest);
            store.done(r.id(), sha, clock.instant());
            audit.record(r.requestedBy(), "recording.export.done", r.cameraId(), "export " + r.id()
                    + " manifest sha256 " + sha, null);
            LOG.info("export {} of camera {} done in {}", r.id(), r.cameraId(), dir);
        } catch (RuntimeException e) {
            LOG.warn("export {} of camera {} failed: {}", r.id(), r.cameraId(), e.toString());
            deleteQuietly(dir);
            try {
                store.failed(r.id(), e.getMessage() == null ? e.toString() : e.getMessage(), clock.instant());
            } catch (RuntimeException storeFailure) {
                LOG.warn("cannot mark export {} failed (it is marked at the next start): {}", r.id(),
                        storeFailure.toString());
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot remove the unfinished export {}: {}", dir, e.toString());
        }
    }
}
