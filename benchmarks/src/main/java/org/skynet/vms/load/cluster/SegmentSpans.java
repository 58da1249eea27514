package org.skynet.vms.load.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * The time spans of every segment row of {@code recording_segments}, by camera, and what they say about a
 * failover: when each camera of a killed node was recorded again elsewhere, how much video was lost, and
 * whether any two rows of one camera overlap in time (recorded twice).
 */
public final class SegmentSpans {
    /** One row: which node recorded which camera from when to when, under which storage root. */
    public record Span(String cameraId, String nodeId, String storageRoot, Instant start, Instant end) {
        @Override
        public String toString() {
            return cameraId + " " + (nodeId == null ? storageRoot : nodeId) + " " + start + " - " + end;
        }
    }

    /**
     * One camera of the killed node.
     *
     * @param takeoverSeconds from the kill to the first frame recorded by another node
     * @param lostSeconds     from the last frame the killed node stored to that first frame (the gap)
     * @param newNode         who records it now
     */
    public record Takeover(String cameraId, double takeoverSeconds, double lostSeconds, String newNode) {
    }

    private final Map<String, List<Span>> byCamera;

    private SegmentSpans(Map<String, List<Span>> byCamera) {
        this.byCamera = byCamera;
    }

    /** Every row now. */
    public static SegmentSpans load(Jdbc jdbc) {
        Map<String, List<Span>> byCamera = new TreeMap<>();
        jdbc.query("SELECT camera_id, node_id, storage_root, start_wall, end_wall FROM recording_segments "
                + "ORDER BY camera_id, start_wall", rs -> byCamera.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                        .add(new Span(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, "start_wall"),
                                Jdbc.instant(rs, "end_wall"))));
        return new SegmentSpans(byCamera);
    }

    /** Rows of files under {@code dir} (e.g. core's data directory: core must record nothing itself). */
    public long rowsUnder(Path dir) {
        String prefix = SegmentRow.normalize(dir).toString();
        return byCamera.values().stream().flatMap(List::stream).filter(s -> s.storageRoot().startsWith(prefix)).count();
    }

    /** Cameras with a row that ends after {@code after}: recorded lately. */
    public Set<String> recordedSince(Instant after) {
        return byCamera.values().stream().flatMap(List::stream).filter(s -> s.end().isAfter(after))
                .map(Span::cameraId).collect(Collectors.toSet());
    }

    /**
     * For each camera of {@code victims}, when another node than {@code killed} started recording it after
     * {@code killedAt}; a camera nobody recorded again is absent.
     */
    public Map<String, Takeover> takeovers(String killed, Set<String> victims, Instant killedAt) {
        Map<String, Takeover> out = new LinkedHashMap<>();
        for (String camera : new TreeSet<>(victims)) {
            List<Span> spans = byCamera.getOrDefault(camera, List.of());
            Optional<Instant> lastStored = spans.stream().filter(s -> killed.equals(s.nodeId())
                    && !s.start().isAfter(killedAt)).map(Span::end).max(Comparator.naturalOrder());
            Optional<Span> next = spans.stream().filter(s -> !killed.equals(s.nodeId()) && s.start().isAfter(killedAt))
                    .min(Comparator.comparing(Span::start));
            next.ifPresent(n -> out.put(camera, new Takeover(camera, seconds(killedAt, n.start()),
                    seconds(lastStored.orElse(killedAt), n.start()), n.nodeId())));
        }
        return out;
    }

    /** Seconds of video covered by two rows of one camera at once, summed over every pair. */
    public double overlapSeconds() {
        return overlaps().stream().mapToDouble(o -> seconds(o[1].start(), minEnd(o[0], o[1]))).sum();
    }

    /** Pairs of rows of one camera that overlap in time: the first and second of each pair, by start. */
    public List<Span[]> overlaps() {
        List<Span[]> out = new ArrayList<>();
        for (List<Span> spans : byCamera.values()) {
            for (int i = 0; i < spans.size(); i++) {
                for (int j = i + 1; j < spans.size() && spans.get(j).start().isBefore(spans.get(i).end()); j++) {
                    out.add(new Span[] {spans.get(i), spans.get(j)});
                }
            }
        }
        return out;
    }

    private static Instant minEnd(Span a, Span b) {
        return a.end().isBefore(b.end()) ? a.end() : b.end();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
