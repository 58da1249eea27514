package org.skynet.vms.core.coverage;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rates over a whole snapshot. A rate is covered places / places; with no places it is 1 (nothing
 * is uncovered), which the place parser prevents by refusing an empty file.
 *
 * @param districts rate per place district, sorted by district
 * @param categories rate per place category, sorted by category
 */
public record CoverageSummary(CoverageMode mode, Rate total, Map<String, Rate> districts,
        Map<String, Rate> categories) {

    /** Covered places out of places. */
    public record Rate(int placesCovered, int placesTotal) {
        /** covered / total, or 1 when there is nothing to cover. */
        public double rate() {
            return placesTotal == 0 ? 1.0 : (double) placesCovered / placesTotal;
        }

        Rate plus(boolean covered) {
            return new Rate(placesCovered + (covered ? 1 : 0), placesTotal + 1);
        }
    }

    public CoverageSummary {
        districts = Collections.unmodifiableMap(new TreeMap<>(districts));
        categories = Collections.unmodifiableMap(new TreeMap<>(categories));
    }

    /** Adds up the places' results. */
    public static CoverageSummary of(CoverageMode mode, List<PlaceCoverage> places) {
        Rate total = new Rate(0, 0);
        for (PlaceCoverage p : places) {
            total = total.plus(p.covered());
        }
        return new CoverageSummary(mode, total, groupBy(places, Place::district), groupBy(places, Place::category));
    }

    private static Map<String, Rate> groupBy(List<PlaceCoverage> places, Function<Place, String> key) {
        Map<String, Rate> out = new TreeMap<>();
        for (PlaceCoverage p : places) {
            out.merge(key.apply(p.place()), new Rate(p.covered() ? 1 : 0, 1),
                    (a, b) -> new Rate(a.placesCovered() + b.placesCovered(), a.placesTotal() + b.placesTotal()));
        }
        return out;
    }
}
