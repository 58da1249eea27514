package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.places.CoverageService;
import org.skynet.vms.core.places.PlaceChange;
import org.skynet.vms.core.places.PlaceFeatures;
import org.skynet.vms.core.places.PlacePage;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.places.StoredPlace;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/places}: the places whose coverage is measured. Any signed-in user reads; technicians,
 * supervisors and admins import, edit, delete and export. Every change and export is audited. Every change
 * rebuilds the coverage engines. See {@code docs/ref/api.md#places-and-coverage}.
 */
public final class PlaceApi {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final Access CHANGE = Access.roles(Role.TECHNICIAN, Role.SUPERVISOR, Role.ADMIN);

    private final PlaceStore store;
    private final PlaceFeatures features;
    private final CoverageService coverage;
    private final AuditLog audit;

    public PlaceApi(PlaceStore store, PlaceFeatures features, CoverageService coverage, AuditLog audit) {
        this.store = store;
        this.features = features;
        this.coverage = coverage;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.post("/api/places:import", CHANGE, this::importFile);
        router.get("/api/places:export", CHANGE, this::export);
        router.get("/api/places", Access.ANY_USER, this::list);
        router.get("/api/places/{id}", Access.ANY_USER, req -> ApiResponse.ok(PlaceJson.of(place(req))));
        router.patch("/api/places/{id}", CHANGE, this::update);
        router.delete("/api/places/{id}", CHANGE, this::delete);
    }

    /** A place on the wire; the geometry is the GeoJSON object. */
    record PlaceJson(String id, String name, String category, String district, double requiredCoverage,
            JsonNode geometry, String createdAt, String updatedAt) {
        static PlaceJson of(StoredPlace p) {
            return new PlaceJson(p.id(), p.name(), p.category(), p.district(), p.requiredCoverage(),
                    Json.parseTree(p.geometryJson().getBytes(StandardCharsets.UTF_8)),
                    String.valueOf(p.createdAt()), String.valueOf(p.updatedAt()));
        }
    }

    record PlaceList(List<PlaceJson> items, String nextCursor) {
    }

    record ImportResult(int imported) {
    }

    private ApiResponse importFile(ApiRequest req) {
        String type = Optional.ofNullable(req.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse("")
                .split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/geo+json") && !type.equals("application/json")) {
            throw new VmsException(ErrorKind.UNSUPPORTED, "import takes Content-Type application/geo+json or"
                    + " application/json, got '" + type + "'", "Content-Type", null);
        }
        List<StoredPlace> places = features.read(req.body());
        DistrictScope scope = DistrictScope.of(req.principal());
        places.forEach(p -> scope.requireWritable("place " + p.id() + ": ", p.district()));
        int n = store.importAll(places);
        coverage.placesChanged();
        audit.record(actor(req), "place.import", "places", n + " places", req.remoteAddress());
        return ApiResponse.ok(new ImportResult(n));
    }

    private ApiResponse list(ApiRequest req) {
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        PlacePage page = store.list(req.queryParam("district").orElse(null), req.queryParam("category").orElse(null),
                DistrictScope.of(req.principal()), limit, req.queryParam("cursor").orElse(null));
        return ApiResponse.ok(new PlaceList(page.items().stream().map(PlaceJson::of).toList(), page.nextCursor()));
    }

    /** The place of the path, NOT_FOUND when absent or outside the caller's districts. */
    private StoredPlace place(ApiRequest req) {
        return store.get(req.pathParam("id"), DistrictScope.of(req.principal()));
    }

    private ApiResponse update(ApiRequest req) {
        String id = place(req).id();
        JsonNode body = req.jsonBody();
        if (!body.isObject()) {
            throw VmsException.invalid("body", "the body must be a JSON object");
        }
        String name = null;
        String category = null;
        String district = null;
        Double required = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "name" -> name = text(f);
                case "category" -> category = text(f);
                case "district" -> district = text(f);
                case "requiredCoverage" -> required = fraction(f.getValue());
                default -> throw VmsException.invalid(f.getKey(), "unknown field " + f.getKey()
                        + "; editable are name, category, district, requiredCoverage");
            }
        }
        if (district != null) {
            DistrictScope.of(req.principal()).requireWritable("", district);
        }
        StoredPlace p = store.update(id, new PlaceChange(name, category, district, required));
        coverage.placesChanged();
        audit.record(actor(req), "place.update", id, "fields=" + String.join(",", fieldNames(body)), req.remoteAddress());
        return ApiResponse.ok(PlaceJson.of(p));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = place(req).id();
        store.delete(id);
        coverage.placesChanged();
        audit.record(actor(req), "place.delete", id, null, req.remoteAddress());
        return ApiResponse.noContent();
    }

    private ApiResponse export(ApiRequest req) {
        DistrictScope scope = DistrictScope.of(req.principal());
        List<StoredPlace> all = store.all().stream().filter(p -> scope.allows(p.district())).toList();
        audit.record(actor(req), "place.export", "places", all.size() + " places", req.remoteAddress());
        return new ApiResponse(HttpResponseStatus.OK, "application/geo+json", Json.write(features.featureCollection(all)),
                Map.of()).withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "attachment; filename=\"places.geojson\"");
    }

    private static String text(Map.Entry<String, JsonNode> f) {
        JsonNode v = f.getValue();
        if (!v.isTextual() || v.textValue().length() > PlaceGeoJson.MAX_TEXT_LENGTH) {
            throw VmsException.invalid(f.getKey(), f.getKey() + " must be a string of at most "
                    + PlaceGeoJson.MAX_TEXT_LENGTH + " characters");
        }
        return v.textValue().strip();
    }

    private static double fraction(JsonNode v) {
        if (!v.isNumber() || !(v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
            throw VmsException.invalid("requiredCoverage", "requiredCoverage must be a number in 0..1");
        }
        return v.doubleValue();
    }

    private static List<String> fieldNames(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String actor(ApiRequest req) {
        return req.requirePrincipal().username();
    }
}
