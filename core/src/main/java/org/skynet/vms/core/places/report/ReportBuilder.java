package org.skynet.vms.core.places.report;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.coverage.LiveStates;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.coverage.ViewCone;
import org.skynet.vms.core.places.report.CoverageReport.Rate;
import org.skynet.vms.core.places.report.CoverageReport.Shortfall;

/**
 * Builds a {@link CoverageReport} from a coverage snapshot: the rates, and for every place below its requirement
 * its gap and the cameras that would restore it. A camera "would restore" a place when it does not count in the
 * snapshot's mode now (live: enabled but not ONLINE, or disabled; designed: disabled) and its view meets the
 * place's gap ({@link GapRestorers}).
 *
 * <p>Cost: one pass over the cameras plus, per shortfall, the engine's gap computation and one intersection per
 * nearby uncounted camera (a few milliseconds a place), shortfalls in parallel on the common fork-join pool, as
 * the engine computes places. Blocking; call from a worker thread. Thread-safe.
 */
public final class ReportBuilder {
    /** State shown for a camera taken out of service in the registry. */
    public static final String DISABLED = "DISABLED";

    private final Supplier<Collection<CameraView>> cameras;
    private final LiveStates live;
    private final Function<String, String> monitorState;
    private final Clock clock;
    private final ViewCone cones = new ViewCone();

    /**
     * @param cameras      every camera with a placement (as the coverage service counts them)
     * @param live         whether a camera is ONLINE now
     * @param monitorState a camera's monitor state name, e.g. {@code OFFLINE}; {@code UNKNOWN} if not watched
     */
    public ReportBuilder(Supplier<Collection<CameraView>> cameras, LiveStates live,
            Function<String, String> monitorState, Clock clock) {
        this.cameras = cameras;
        this.live = live;
        this.monitorState = monitorState;
        this.clock = clock;
    }

    /** The report of this snapshot, stamped now. */
    public CoverageReport build(CoverageSnapshot snapshot) {
        CoverageMode mode = snapshot.mode();
        List<CameraView> uncounted = cameras.get().stream().filter(c -> !mode.counts(c, live)).toList();
        GapRestorers restorers = new GapRestorers(uncounted, cones,
                c -> c.enabled() ? monitorState.apply(c.id()) : DISABLED);
        List<Shortfall> shortfalls = snapshot.places().parallelStream().filter(p -> !p.covered())
                .map(p -> restorers.shortfall(p, snapshot.gap(p.place().id()).orElseThrow()))
                .sorted(Comparator.comparing(Shortfall::district).thenComparingDouble(Shortfall::coverage)
                        .thenComparing(Shortfall::placeId))
                .toList();
        CoverageSummary summary = snapshot.summary();
        return new CoverageReport(clock.instant(), mode.wireName(), rate("", summary.total()),
                rates(summary.districts()), rates(summary.categories()), shortfalls);
    }

    private static List<Rate> rates(Map<String, CoverageSummary.Rate> byName) {
        List<Rate> out = new ArrayList<>();
        byName.forEach((name, r) -> out.add(rate(name, r)));
        return out;
    }

    private static Rate rate(String name, CoverageSummary.Rate r) {
        return new Rate(name, r.placesCovered(), r.placesTotal(), r.rate());
    }
}
