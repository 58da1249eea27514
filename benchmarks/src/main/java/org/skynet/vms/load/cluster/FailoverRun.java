package org.skynet.vms.load.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.skynet.vms.core.cluster.LeaseSettings;

/**
 * The failover scenario of issue 9 on a {@link LocalCluster}: every camera recorded and the leases balanced,
 * one node SIGKILLed, its cameras awaited on the others (until TTL + 5 s at the most, then the run goes on and
 * the missing ones are reported), the node started again and the balance awaited, then a quiet spell to see
 * that no lease moves any more. Everything measured comes from the database: segment rows (takeover, gap per
 * camera, overlaps) and lease epochs (moves); and one camera of the killed node is played back through core
 * before the kill and, over the kill, after the balance returned (a {@link PlaybackCheck}). At the end, the
 * catalogue rows refused by the fences (node logs) and the OPEN rows whose writer no longer holds the camera are
 * reported. Progress goes to stderr.
 */
public final class FailoverRun {
    private static final Duration RECORDING_LIMIT = Duration.ofSeconds(120);
    private static final Duration BALANCE_LIMIT = Duration.ofSeconds(60);

    private final LocalCluster cluster;
    private final LocalCluster.Spec spec;

    private final PlaybackCheck playback;

    private FailoverRun(LocalCluster cluster, LocalCluster.Spec spec) {
        this.cluster = cluster;
        this.spec = spec;
        this.playback = new PlaybackCheck(cluster, spec.dir());
    }

    /** Runs the whole scenario on a cluster started from {@code spec} and closes it. */
    public static FailoverReport run(LocalCluster.Spec spec) throws Exception {
        try (LocalCluster cluster = LocalCluster.start(spec)) {
            return new FailoverRun(cluster, spec).failover();
        }
    }

    private FailoverReport failover() throws Exception {
        Instant begin = Instant.now();
        if (!awaitQuietly(RECORDING_LIMIT, () -> balanced(cluster.leasesByNode()) && recordingNow() == spec.cameras())) {
            throw new IllegalStateException("not within " + RECORDING_LIMIT.toSeconds() + " s: every camera leased and"
                    + " recorded, the leases balanced; leases " + cluster.leasesByNode() + ", " + recordingNow()
                    + " cameras recording");
        }
        progress("recording on %s after %.1f s", cluster.leasesByNode(), seconds(begin, Instant.now()));
        Map<String, Map<String, Object>> figures = cluster.nodeFigures();
        Set<String> victims = new HashSet<>(cluster.camerasOf(victim()));
        String played = victims.stream().sorted().findFirst().orElseThrow(() -> new IllegalStateException(
                victim() + " holds no camera before the kill"));
        Instant playedFrom = Instant.now().minusSeconds(8);
        PlaybackCheck.Result beforeKill = playback.play(played, playedFrom, Instant.now().minusSeconds(2), "before-kill");
        progress("played %s of %s through core: %s", played, victim(), beforeKill.toJson());
        long claimsBeforeKill = cluster.claims();
        Instant killedAt = Instant.now();
        cluster.kill(victim());
        progress("killed %s (kill -9) holding %d cameras", victim(), victims.size());

        Duration limit = Duration.ofMillis(Math.round(spec.ttlSeconds() * 1000) + 5000);
        boolean tookOver = awaitQuietly(limit, () -> cluster.spans().takeovers(victim(), victims, killedAt).size()
                == victims.size());
        progress(tookOver ? "all %d taken over" : "NOT all %d taken over within TTL + 5 s", victims.size());
        pause(Duration.ofSeconds(3));
        long claimsAfterTakeover = cluster.claims();

        cluster.startNode(victim());
        Instant returnedAt = Instant.now();
        boolean rebalanced = awaitQuietly(BALANCE_LIMIT, () -> balanced(cluster.leasesByNode())
                && cluster.leasesByNode().size() == spec.nodes());
        Instant balancedAt = Instant.now();
        long claimsAtBalance = cluster.claims();
        progress("node back: %s after %.1f s", cluster.leasesByNode(), seconds(returnedAt, balancedAt));
        pause(LeaseSettings.of(ttl()).renewInterval().multipliedBy(4));
        long claimsAfterQuiet = cluster.claims();
        Map<String, Integer> finalLeases = cluster.leasesByNode();
        PlaybackCheck.Result acrossKill = playback.play(played, playedFrom, Instant.now().minusSeconds(2), "across-kill");
        progress("played %s from before the kill through core: %s", played, acrossKill.toJson());
        List<String> openRowsLeft = cluster.openRowsLeft(Duration.ofSeconds(5));
        long refusedRows = cluster.refusedRows();
        progress("%d catalogue rows refused; OPEN rows left by a writer that gave its camera up: %s", refusedRows,
                openRowsLeft);

        SegmentSpans spans = cluster.spans();
        Map<String, SegmentSpans.Takeover> takeovers = spans.takeovers(victim(), victims, killedAt);
        List<String> notTakenOver = new ArrayList<>(victims);
        notTakenOver.removeAll(takeovers.keySet());
        return new FailoverReport(spec.nodes(), spec.cameras(), spec.ttlSeconds(), victim(), victims.size(),
                List.copyOf(takeovers.values()), notTakenOver.stream().sorted().toList(), spans.overlapSeconds(),
                spans.overlaps().size(), spans.overlaps().stream().limit(10).map(o -> o[0] + " | " + o[1]).toList(),
                spans.rowsUnder(cluster.coreData()), claimsAfterTakeover - claimsBeforeKill,
                rebalanced, seconds(returnedAt, balancedAt), claimsAtBalance - claimsAfterTakeover,
                claimsAfterQuiet - claimsAtBalance, finalLeases, target(), LeaseSettings.of(ttl()).margin(target()),
                figures, beforeKill, acrossKill, refusedRows, openRowsLeft);
    }

    private String victim() {
        return LocalCluster.nodeId(Math.min(2, spec.nodes()));
    }

    private Duration ttl() {
        return Duration.ofMillis(Math.round(spec.ttlSeconds() * 1000));
    }

    private int target() {
        return (int) Math.ceil((double) spec.cameras() / spec.nodes());
    }

    /** Every node within the balancing margin of its share, and every camera held. */
    private boolean balanced(Map<String, Integer> leases) {
        int margin = LeaseSettings.of(ttl()).margin(target());
        return leases.values().stream().mapToInt(Integer::intValue).sum() == spec.cameras()
                && leases.size() == spec.nodes()
                && leases.values().stream().allMatch(n -> Math.abs(n - spec.cameras() / (double) spec.nodes()) <= margin);
    }

    private static void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }

    /** Cameras with a segment row that ended in the last 3 s. */
    private int recordingNow() {
        return cluster.spans().recordedSince(Instant.now().minusSeconds(3)).size();
    }

    private static boolean awaitQuietly(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        return condition.getAsBoolean();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void progress(String format, Object... values) {
        System.err.println(Instant.now() + " failover: " + String.format(Locale.ROOT, format, values));
    }
}
