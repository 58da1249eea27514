package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSnapshot;
import org.skynet.vms.core.coverage.PlaceCoverage;
import org.skynet.vms.core.map.DistrictOutlines;
import org.skynet.vms.core.map.MapSettings;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.places.RegistryCameras;
import org.skynet.vms.core.places.StoredPlace;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.users.DistrictScope;

/**
 * {@code /api/map/...}: what the console's map reads besides cameras, health and one place's coverage: its
 * settings (tile layer), every place with its geometry and coverage in one answer, and district outlines.
 * Any signed-in user. See {@code docs/ref/api.md#map} and {@code docs/design/coverage-map.md}.
 */
public final class MapApi {
    private final MapSettings settings;
    private final PlaceStore places;
    private final CoverageService coverage;
    private final RegistryCameras cameras;

    public MapApi(MapSettings settings, PlaceStore places, CoverageService coverage, RegistryCameras cameras) {
        this.settings = settings;
        this.places = places;
        this.coverage = coverage;
        this.cameras = cameras;
    }

    public void register(ApiRouter router) {
        router.get("/api/map/settings", Access.ANY_USER, req -> ApiResponse.ok(settings));
        router.get("/api/map/places", Access.ANY_USER, this::places);
        router.get("/api/map/districts", Access.ANY_USER, this::districts);
    }

    /** Outlines of the caller's districts only. */
    private ApiResponse districts(ApiRequest req) {
        DistrictScope scope = DistrictScope.of(req.principal());
        return ApiResponse.ok(DistrictOutlines.featureCollection(
                cameras.get().stream().filter(c -> scope.allows(c.district())).toList(),
                coverage.snapshot(CoverageMode.DESIGNED).places().stream().map(PlaceCoverage::place)
                        .filter(p -> scope.allows(p.district())).toList()));
    }

    /** A place with its coverage, as the map draws it. */
    record MapPlace(String id, String name, String category, String district, double required, double coverage,
            boolean covered, List<String> cameras, JsonNode geometry) {
    }

    record MapPlaces(String mode, long version, List<MapPlace> items) {
    }

    private ApiResponse places(ApiRequest req) {
        CoverageSnapshot snapshot = coverage.snapshot(CoverageMode.parse(req.queryParam("mode").orElse("live")));
        Optional<String> district = req.queryParam("district");
        DistrictScope scope = DistrictScope.of(req.principal());
        Map<String, StoredPlace> stored = places.all().stream()
                .collect(Collectors.toMap(StoredPlace::id, Function.identity()));
        List<MapPlace> items = new ArrayList<>();
        for (PlaceCoverage p : snapshot.places()) {
            StoredPlace s = stored.get(p.place().id());
            if (s != null && (district.isEmpty() || district.get().equals(p.place().district()))
                    && scope.allows(p.place().district())) {
                items.add(new MapPlace(s.id(), s.name(), s.category(), s.district(), p.place().requiredCoverage(),
                        p.coverage(), p.covered(), p.cameraIds(),
                        Json.parseTree(s.geometryJson().getBytes(StandardCharsets.UTF_8))));
            }
        }
        return ApiResponse.ok(new MapPlaces(snapshot.mode().wireName(), snapshot.version(), items));
    }
}
