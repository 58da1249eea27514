package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/coverage} and {@code /api/places/{id}/coverage}: coverage rates and one place's coverage with
 * its gaps, in {@code live} (default) or {@code designed} mode. Any signed-in user reads. See
 * {@code docs/ref/api.md#places-and-coverage}.
 */
public final class CoverageApi {
    private final CoverageService coverage;

    public CoverageApi(CoverageService coverage) {
        this.coverage = coverage;
    }

    public void register(ApiRouter router) {
        router.get("/api/coverage", Access.ANY_USER, this::summary);
        router.get("/api/places/{id}/coverage", Access.ANY_USER, this::place);
    }

    /** Covered places out of places. */
    record RateJson(double rate, int placesCovered, int placesTotal) {
        static RateJson of(CoverageSummary.Rate r) {
            return new RateJson(r.rate(), r.placesCovered(), r.placesTotal());
        }
    }

    record SummaryJson(String mode, double rate, int placesCovered, int placesTotal, Map<String, RateJson> districts,
            Map<String, RateJson> categories) {
    }

    record PlaceCoverageJson(String id, String mode, double coverage, double required, boolean covered,
            List<String> cameras, ObjectNode gaps) {
    }

    private ApiResponse summary(ApiRequest req) {
        CoverageSnapshot snapshot = coverage.snapshot(mode(req));
        Optional<String> district = req.queryParam("district");
        DistrictScope scope = DistrictScope.of(req.principal());
        // A district-limited user's total is the rate over their districts only, never the city's.
        CoverageSummary s = district.isEmpty() && scope.isAll() ? snapshot.summary() : CoverageSummary.of(snapshot.mode(),
                snapshot.places().stream().filter(p -> district.map(p.place().district()::equals).orElse(true)
                        && scope.allows(p.place().district())).toList());
        return ApiResponse.ok(new SummaryJson(s.mode().wireName(), s.total().rate(), s.total().placesCovered(),
                s.total().placesTotal(), rates(s.districts()), rates(s.categories())));
    }

    private ApiResponse place(ApiRequest req) {
        String id = req.pathParam("id");
        CoverageSnapshot snapshot = coverage.snapshot(mode(req));
        PlaceCoverage p = snapshot.place(id).filter(c -> DistrictScope.of(req.principal()).allows(c.place().district()))
                .orElseThrow(() -> VmsException.notFound("no place " + id));
        return ApiResponse.ok(new PlaceCoverageJson(id, snapshot.mode().wireName(), p.coverage(),
                p.place().requiredCoverage(), p.covered(), p.cameraIds(), snapshot.gapGeoJson(id).orElseThrow()));
    }

    private static CoverageMode mode(ApiRequest req) {
        return CoverageMode.parse(req.queryParam("mode").orElse("live"));
    }

    private static Map<String, RateJson> rates(Map<String, CoverageSummary.Rate> rates) {
        Map<String, RateJson> out = new LinkedHashMap<>();
        rates.forEach((k, v) -> out.put(k, RateJson.of(v)));
        return out;
    }
}
