package org.skynet.vms.recorder.catalogue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where segment rows are stored. Implementations: the JDBC catalogue in core, and
 * {@link InMemorySegmentCatalogue}. Every method may throw a
 * {@link org.skynet.vms.errors.VmsException} ({@code UNREACHABLE} or {@code INTERNAL} when the store is
 * down); callers that must not lose rows go through {@link CatalogueWriter}. Thread-safe.
 */
public interface SegmentCatalogue {
    /**
     * Inserts or replaces rows by {@code (storageRoot, path)}, all or nothing.
     */
    void upsert(Collection<SegmentRow> rows);

    /** Removes the row of a file, if any. */
    void remove(String storageRoot, String path);

    /** The row of one file. */
    Optional<SegmentRow> find(String storageRoot, String path);

    /** Rows still {@link SegmentState#OPEN} under a storage root (after a crash: files to recover). */
    List<SegmentRow> openSegments(String storageRoot);

    /**
     * Rows of a camera that overlap {@code [from, to)}, by start time, at most {@code limit} of them.
     */
    List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit);
}
