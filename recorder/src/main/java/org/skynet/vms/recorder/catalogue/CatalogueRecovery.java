package org.skynet.vms.recorder.catalogue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.segment.SegmentException;
import org.skynet.vms.recorder.segment.SegmentNaming;
import org.skynet.vms.recorder.segment.SegmentRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of a storage root and its catalogue, before any writer runs
 * ({@code docs/design/recording-storage.md}, "Crash recovery"): every file whose row is still
 * {@link SegmentState#OPEN} is repaired with {@link SegmentRecovery} and its row closed; a row whose
 * file is gone is removed; a file without any row (the process died before the row was stored) is
 * repaired and gets a row. A file with no usable init segment is deleted with its row. Blocking file
 * and database I/O: run it on a start-up thread.
 */
public final class CatalogueRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueRecovery.class);
    private static final int MAX_ROWS_PER_DAY = 1_000_000;

    /**
     * What recovery did.
     *
     * @param repaired       open rows whose file was repaired and closed
     * @param rebuilt        files that had no row and got one
     * @param removed        rows removed (file missing) or files deleted (no usable init segment)
     * @param truncatedBytes bytes cut off damaged files
     */
    public record Report(int repaired, int rebuilt, int removed, long truncatedBytes) {
    }

    private CatalogueRecovery() {
    }

    /**
     * Repairs {@code storageRoot} against {@code catalogue}.
     *
     * @throws VmsException when the catalogue is unreachable (the caller retries or gives up starting)
     */
    public static Report recover(Path storageRoot, SegmentCatalogue catalogue) {
        Path root = SegmentRow.normalize(storageRoot);
        String rootName = root.toString();
        int repaired = 0;
        int removed = 0;
        long truncated = 0;
        for (SegmentRow row : catalogue.openSegments(rootName)) {
            Path file = row.file();
            if (!Files.exists(file)) {
                catalogue.remove(rootName, row.path());
                removed++;
                continue;
            }
            SegmentRecovery.Result r = SegmentRecovery.recover(file);
            if (r.usable()) {
                catalogue.upsert(List.of(SegmentRow.of(root, r.file())));
                truncated += r.truncatedBytes();
                repaired++;
            } else {
                delete(file);
                catalogue.remove(rootName, row.path());
                removed++;
            }
        }
        int rebuilt = 0;
        for (Path day : dayDirectories(root)) {
            String cameraId = day.getParent().getFileName().toString();
            Instant dayStart = LocalDate.parse(day.getFileName().toString()).atStartOfDay(ZoneOffset.UTC).toInstant();
            Set<String> known = new HashSet<>();
            for (SegmentRow r : catalogue.segments(cameraId, dayStart, dayStart.plus(Duration.ofDays(1)),
                    MAX_ROWS_PER_DAY)) {
                known.add(r.path());
            }
            for (Path file : segmentFiles(day)) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (known.contains(relative) || catalogue.find(rootName, relative).isPresent()) {
                    continue;
                }
                SegmentRecovery.Result r = SegmentRecovery.recover(file);
                if (r.usable()) {
                    catalogue.upsert(List.of(SegmentRow.of(root, r.file())));
                    truncated += r.truncatedBytes();
                    rebuilt++;
                } else {
                    delete(file);
                    removed++;
                }
            }
        }
        Report report = new Report(repaired, rebuilt, removed, truncated);
        if (repaired + rebuilt + removed > 0) {
            LOG.info("recording catalogue recovery under {}: {}", root, report);
        }
        return report;
    }

    private static List<Path> dayDirectories(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path camera : list(root, "*")) {
            if (!Files.isDirectory(camera) || !SegmentNaming.CAMERA_ID.matcher(camera.getFileName().toString()).matches()) {
                continue;
            }
            for (Path day : list(camera, "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]")) {
                try {
                    LocalDate.parse(day.getFileName().toString());
                    if (Files.isDirectory(day)) {
                        out.add(day);
                    }
                } catch (DateTimeParseException e) {
                    LOG.debug("skipping {}: not a day directory", day);
                }
            }
        }
        return out;
    }

    private static List<Path> segmentFiles(Path day) {
        List<Path> out = new ArrayList<>();
        for (Path f : list(day, "*.mp4")) {
            try {
                SegmentNaming.parse(f);
                out.add(f);
            } catch (VmsException e) {
                LOG.warn("skipping {}: {}", f, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> list(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
            s.forEach(out::add);
        } catch (IOException e) {
            throw new SegmentException("listing recordings", dir, e);
        }
        out.sort(null);
        return out;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
            LOG.warn("deleted {}: no usable init segment (crash while creating it)", file);
        } catch (IOException e) {
            throw new SegmentException("deleting unusable segment", file, e);
        }
    }
}
