package org.skynet.vms.load.cluster;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link FailoverRun} measured.
 *
 * @param nodes                 recorder nodes
 * @param cameras               cameras recorded
 * @param ttlSeconds            lease time-to-live
 * @param killedNode            the node SIGKILLed
 * @param killedCameras         cameras it held then
 * @param takeovers             each of them recorded again elsewhere: when, and the gap in its video
 * @param notTakenOver          those nobody recorded again before the end of the run
 * @param doubleRecordedSeconds seconds of video covered by two segment rows of one camera at once, summed
 * @param overlappingPairs      pairs of segment rows of one camera that overlap
 * @param overlapSample         the first overlapping pairs, for the eye
 * @param rowsOfCore            segment rows of files under core's data directory (core must record nothing)
 * @param takeoverMoves         leases claimed from the kill until the node returned
 * @param rebalanced            whether each node came within the margin of its share after the return
 * @param rebalanceSeconds      from the returned node being up (its ready line) to that balance
 * @param rebalanceMoves        leases claimed from the node's return to the balance
 * @param quietMoves            leases claimed during four renew intervals after it (thrashing when not 0)
 * @param leasesByNode          leases held at the end, by node
 * @param target                cameras per node when balanced
 * @param margin                how far from it a node may be
 * @param nodeFigures           each node's heartbeat figures before the kill
 * @param playbackBeforeKill    a camera of the node to be killed played back through core (the node's files)
 * @param playbackAcrossKill    the same camera from before the kill to after the balance returned, through core
 *                              (rows of the killed node, restarted, and of the node that took the camera over)
 * @param refusedRows           catalogue rows the nodes' fences refused during the run (their logs)
 * @param openRowsLeft          at the end, OPEN rows older than 5 s of cameras their writer no longer holds
 */
public record FailoverReport(int nodes, int cameras, double ttlSeconds, String killedNode, int killedCameras,
        List<SegmentSpans.Takeover> takeovers, List<String> notTakenOver, double doubleRecordedSeconds,
        int overlappingPairs, List<String> overlapSample, long rowsOfCore, long takeoverMoves, boolean rebalanced, double rebalanceSeconds,
        long rebalanceMoves, long quietMoves, Map<String, Integer> leasesByNode, int target, int margin,
        Map<String, Map<String, Object>> nodeFigures, PlaybackCheck.Result playbackBeforeKill,
        PlaybackCheck.Result playbackAcrossKill, long refusedRows, List<String> openRowsLeft) {

    /** Takeover seconds at quantile {@code q} (nearest rank), or NaN without takeovers. */
    public double takeoverSeconds(double q) {
        return quantile(SegmentSpans.Takeover::takeoverSeconds, q);
    }

    /** The largest gap in one camera's video. */
    public double lostSecondsMax() {
        return quantile(SegmentSpans.Takeover::lostSeconds, 1.0);
    }

    /** The gap of each camera of the killed node, one line each, for the test output. */
    public String gapTable() {
        StringBuilder out = new StringBuilder("camera            new node   takeover s   gap s\n");
        for (SegmentSpans.Takeover t : takeovers) {
            out.append(String.format(Locale.ROOT, "%-17s %-10s %10.2f %7.2f%n", t.cameraId(), t.newNode(),
                    t.takeoverSeconds(), t.lostSeconds()));
        }
        notTakenOver.forEach(c -> out.append(String.format(Locale.ROOT, "%-17s NOT RECORDED AGAIN%n", c)));
        overlapSample.forEach(o -> out.append("overlap: ").append(o).append('\n'));
        return out.toString();
    }

    /** One JSON line of the figures (the benchmark's last line). */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"scenario\":\"failover\",\"nodes\":%d,\"cameras\":%d,\"ttlSeconds\":%.1f,"
                + "\"killedCameras\":%d,\"takenOver\":%d,\"takeoverSecondsP50\":%s,\"takeoverSecondsP99\":%s,"
                + "\"takeoverSecondsMax\":%s,\"lostSecondsPerCameraP50\":%s,\"lostSecondsPerCameraMax\":%s,"
                + "\"doubleRecordedSeconds\":%.3f,\"overlappingPairs\":%d,\"takeoverMoves\":%d,\"rebalanced\":%b,"
                + "\"rebalanceSeconds\":%.1f,\"rebalanceMoves\":%d,\"quietMoves\":%d,\"leasesByNode\":%s,"
                + "\"playbackBeforeKill\":%s,\"playbackAcrossKill\":%s,\"refusedRows\":%d,\"openRowsLeft\":%d}",
                nodes, cameras, ttlSeconds, killedCameras, takeovers.size(), number(takeoverSeconds(0.5)),
                number(takeoverSeconds(0.99)), number(takeoverSeconds(1.0)),
                number(quantile(SegmentSpans.Takeover::lostSeconds, 0.5)), number(lostSecondsMax()),
                doubleRecordedSeconds, overlappingPairs, takeoverMoves, rebalanced, rebalanceSeconds, rebalanceMoves,
                quietMoves, json(leasesByNode), playbackBeforeKill.toJson(), playbackAcrossKill.toJson(),
                refusedRows, openRowsLeft.size());
    }

    private double quantile(ToDoubleFunction<SegmentSpans.Takeover> value, double q) {
        if (takeovers.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = takeovers.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String json(Map<String, Integer> map) {
        StringBuilder out = new StringBuilder("{");
        map.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }
}
