package org.skynet.vms.recorder.retention;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the segments of one storage root that retention no longer keeps: first every camera's
 * segments older than its maximum age, then, while the free-space quota is not met, the oldest
 * segments of any camera. Only closed segments are candidates (never the file being written);
 * event clips under evidence lock live in their own files and table and are never touched here.
 *
 * <p>Order per segment, for crash safety: the catalogue row is removed first, then the file. A crash
 * in between leaves a file without a row, which {@code CatalogueRecovery} gives a row again at the
 * next start, and the next sweep deletes it again; no row ever points at a deleted file because of a
 * crash. Empty day directories of past days are removed too.
 *
 * <p>Blocking (database and file system): run it on its own thread, one sweep at a time per root.
 */
public final class RetentionSweeper {
    /** Rows read per query. */
    static final int BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    /**
     * What one sweep did and left.
     *
     * @param expired        segments deleted for age
     * @param evicted        segments deleted for the quota
     * @param freedBytes     bytes of the deleted files
     * @param usage          the file system after the sweep
     * @param shortfallBytes free bytes still missing to meet the quota (0 when it is met)
     */
    public record Sweep(int expired, int evicted, long freedBytes, DiskUsage usage, long shortfallBytes) {
        /** Whether the root keeps up: the quota holds after the sweep. */
        public boolean keepsUp() {
            return shortfallBytes == 0;
        }
    }

    private final Path root;
    private final String rootName;
    private final RetentionCatalogue catalogue;
    private final RetentionPolicy policy;
    private final Supplier<Map<String, Duration>> maxAges;
    private final Supplier<DiskUsage> usage;

    /**
     * @param storageRoot the root swept
     * @param maxAges     cameras with their own maximum age, read once per sweep
     * @param usage       measures the root's file system ({@code () -> DiskUsage.of(root)})
     */
    public RetentionSweeper(Path storageRoot, RetentionCatalogue catalogue, RetentionPolicy policy,
            Supplier<Map<String, Duration>> maxAges, Supplier<DiskUsage> usage) {
        this.root = SegmentRow.normalize(storageRoot);
        this.rootName = root.toString();
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxAges = Objects.requireNonNull(maxAges, "maxAges");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    public Path storageRoot() {
        return root;
    }

    /** One sweep at {@code now}. */
    public Sweep sweep(Instant now) {
        long[] freed = {0};
        int expired = 0;
        Map<String, Duration> ages = maxAges.get();
        for (String camera : catalogue.cameras(rootName)) {
            Instant cutoff = policy.cutoff(camera, ages, now);
            List<SegmentRow> batch;
            do {
                batch = catalogue.closedEndingBefore(rootName, camera, cutoff, BATCH);
                for (SegmentRow row : batch) {
                    freed[0] += delete(row, now);
                    expired++;
                }
            } while (batch.size() == BATCH);
        }
        int evicted = 0;
        long need = policy.bytesToFree(usage.get());
        // Counted from the deleted files' sizes, not re-measured: space held by open readers is freed
        // only later, and must not make one sweep delete everything.
        long freedForQuota = 0;
        while (freedForQuota < need) {
            List<SegmentRow> batch = catalogue.oldestClosed(rootName, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (SegmentRow row : batch) {
                long bytes = delete(row, now);
                freedForQuota += bytes;
                freed[0] += bytes;
                evicted++;
                if (freedForQuota >= need) {
                    break;
                }
            }
        }
        DiskUsage after = usage.get();
        Sweep sweep = new Sweep(expired, evicted, freed[0], after, Math.max(0, policy.bytesToFree(after)));
        if (expired + evicted > 0 || !sweep.keepsUp()) {
            LOG.info("retention under {}: {}", root, sweep);
        }
        return sweep;
    }

    /** Removes the row, then the file; the file's size when it was there. */
    private long delete(SegmentRow row, Instant now) {
        catalogue.remove(rootName, row.path());
        Path file = row.file();
        try {
            long size = Files.exists(file) ? Files.size(file) : 0;
            Files.deleteIfExists(file);
            removeIfEmptyPastDay(file.getParent(), now);
            return size;
        } catch (IOException e) {
            LOG.warn("cannot delete {} (its row is gone; the next start gives it one again): {}", file, e.toString());
            return 0;
        }
    }

    private void removeIfEmptyPastDay(Path day, Instant now) throws IOException {
        try {
            if (LocalDate.parse(day.getFileName().toString()).isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
                Files.deleteIfExists(day);
            }
        } catch (DirectoryNotEmptyException | DateTimeParseException e) {
            LOG.trace("keeping {}: {}", day, e.toString());
        }
    }
}
