package org.skynet.vms.core.coverage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * One immutable state of coverage: every place's result and the rates. Readers get it from
 * {@link CoverageEngine#snapshot()} and may use it from any thread for as long as they like; the
 * engine publishes a new snapshot on every change and never modifies a published one.
 */
public final class CoverageSnapshot {
    private final CoverageMode mode;
    private final long version;
    private final PlaceCoverage[] results;
    private final ProjectedPlace[] places;
    private final Map<String, Integer> indexById;
    private final PlaceCalculator calculator;
    private volatile CoverageSummary summary;

    CoverageSnapshot(CoverageMode mode, long version, PlaceCoverage[] results, ProjectedPlace[] places,
            Map<String, Integer> indexById, PlaceCalculator calculator) {
        this.mode = mode;
        this.version = version;
        this.results = results;
        this.places = places;
        this.indexById = indexById;
        this.calculator = calculator;
    }

    public CoverageMode mode() {
        return mode;
    }

    /** Increases by one with every published change; 0 is the full computation. */
    public long version() {
        return version;
    }

    /** Every place's result, in the order the places were given. Unmodifiable. */
    public List<PlaceCoverage> places() {
        return Collections.unmodifiableList(Arrays.asList(results));
    }

    /** The result for one place. */
    public Optional<PlaceCoverage> place(String placeId) {
        Integer i = indexById.get(placeId);
        return i == null ? Optional.empty() : Optional.of(results[i]);
    }

    /** Rates overall, per district and per category; computed on first use, then kept. */
    public CoverageSummary summary() {
        CoverageSummary s = summary;
        if (s == null) {
            // A benign race: two readers may both compute it; the value is the same.
            s = CoverageSummary.of(mode, places());
            summary = s;
        }
        return s;
    }

    /**
     * The part of the place that the counted cameras do not see, in lon/lat (x = longitude), or
     * empty if the place is unknown. Computed on demand from the place's contributing cameras
     * (a few milliseconds), not stored, to keep 20,000 gap geometries out of the heap.
     */
    public Optional<Geometry> gap(String placeId) {
        Integer i = indexById.get(placeId);
        if (i == null) {
            return Optional.empty();
        }
        ProjectedPlace p = places[i];
        return Optional.of(p.projection().inverse(calculator.gapLocal(p, results[i].cameras())));
    }

    /** {@link #gap} as a GeoJSON MultiPolygon geometry object. */
    public Optional<ObjectNode> gapGeoJson(String placeId) {
        return gap(placeId).map(GeoJsonGeometry::multiPolygon);
    }
}
