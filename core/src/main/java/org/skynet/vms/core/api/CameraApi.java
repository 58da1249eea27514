package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraCsv;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraFilter;
import org.skynet.vms.core.registry.CameraGeoJson;
import org.skynet.vms.core.registry.CameraPage;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.ImportBatch;
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
 * {@code /api/cameras} and {@code /api/districts}: the camera registry over HTTP. Any signed-in user reads;
 * technicians and admins change and import; supervisors, admins and technicians export. Every change,
 * import and export is written to the audit log with the signed-in user as actor. No response ever
 * carries a camera password. See {@code docs/ref/api.md#cameras}.
 */
public final class CameraApi {
    /** Page size when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest {@code limit}. */
    public static final int MAX_LIMIT = 500;
    private static final Access CHANGE = Access.roles(Role.TECHNICIAN, Role.ADMIN);
    private static final Access EXPORT = Access.roles(Role.SUPERVISOR, Role.ADMIN, Role.TECHNICIAN);

    private final CameraRegistry registry;
    private final AuditLog audit;
    private final CameraGeoJson geoJson = new CameraGeoJson(Json.MAPPER);

    public CameraApi(CameraRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras", Access.ANY_USER, this::list);
        router.post("/api/cameras", CHANGE, this::create);
        router.get("/api/cameras/{id}", Access.ANY_USER, req -> ApiResponse.ok(CameraView.of(camera(req))));
        router.patch("/api/cameras/{id}", CHANGE, this::update);
        router.delete("/api/cameras/{id}", CHANGE, this::delete);
        router.post("/api/cameras:import", CHANGE, this::importFile);
        router.get("/api/cameras:export", EXPORT, this::export);
        router.get("/api/districts", Access.ANY_USER, req -> ApiResponse.ok(Map.of("items",
                registry.districts(DistrictScope.of(req.principal())))));
    }

    /** The body of a list answer. */
    record CameraList(List<CameraView> items, String nextCursor) {
    }

    /** The body of a successful import. */
    record ImportResult(int imported) {
    }

    private ApiResponse list(ApiRequest req) {
        CameraFilter filter = filter(req);
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        CameraPage page = registry.list(filter, limit, req.queryParam("cursor").orElse(null));
        List<CameraView> items = new ArrayList<>(page.items().size());
        page.items().forEach(c -> items.add(CameraView.of(c)));
        return ApiResponse.ok(new CameraList(items, page.nextCursor()));
    }

    private static CameraFilter filter(ApiRequest req) {
        Boolean enabled = null;
        Optional<String> e = req.queryParam("enabled");
        if (e.isPresent()) {
            enabled = switch (e.get().trim().toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw VmsException.invalid("enabled", "enabled must be true or false");
            };
        }
        return new CameraFilter(req.queryParam("district").orElse(null), req.queryParam("tag").orElse(null),
                enabled, req.queryParam("q").orElse(null), DistrictScope.of(req.principal()));
    }

    private ApiResponse create(ApiRequest req) {
        CameraDraft draft = new CameraDraft();
        CameraJson.apply(req.jsonBody(), draft);
        DistrictScope.of(req.principal()).requireWritable("", draft.district());
        Camera c = registry.create(draft);
        audit.record(actor(req), "camera.create", c.id(), "district=" + c.district(), req.remoteAddress());
        return ApiResponse.created(CameraView.of(c)).withHeader(HttpHeaderNames.LOCATION.toString(), "/api/cameras/" + c.id());
    }

    /** The camera of the path, NOT_FOUND when absent or outside the caller's districts. */
    private Camera camera(ApiRequest req) {
        return registry.get(req.pathParam("id"), DistrictScope.of(req.principal()));
    }

    private ApiResponse update(ApiRequest req) {
        String id = camera(req).id();
        JsonNode body = req.jsonBody();
        DistrictScope scope = DistrictScope.of(req.principal());
        Camera c = registry.update(id, draft -> {
            CameraJson.apply(body, draft);
            scope.requireWritable("", draft.district());
        });
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        // Field names only: values may be credentials.
        audit.record(actor(req), "camera.update", id, "fields=" + String.join(",", fields), req.remoteAddress());
        return ApiResponse.ok(CameraView.of(c));
    }

    private ApiResponse delete(ApiRequest req) {
        String id = camera(req).id();
        registry.delete(id);
        audit.record(actor(req), "camera.delete", id, null, req.remoteAddress());
        return ApiResponse.noContent();
    }

    private ApiResponse importFile(ApiRequest req) {
        String type = mediaType(req);
        ImportBatch batch = switch (type) {
            case "text/csv" -> CameraCsv.read(req.body());
            case "application/geo+json", "application/json" -> geoJson.read(req.body());
            default -> throw new VmsException(ErrorKind.UNSUPPORTED, "import takes Content-Type text/csv,"
                    + " application/geo+json or application/json, got '" + type + "'", "Content-Type", null);
        };
        DistrictScope scope = DistrictScope.of(req.principal());
        batch.rows().forEach(r -> scope.requireWritable("line " + r.line() + ": ", r.draft().district()));
        int n = registry.importAll(batch);
        audit.record(actor(req), "camera.import", "cameras", n + " cameras from " + type, req.remoteAddress());
        return ApiResponse.ok(new ImportResult(n));
    }

    private ApiResponse export(ApiRequest req) throws IOException {
        String format = req.queryParam("format").orElse("csv").trim().toLowerCase(Locale.ROOT);
        CameraFilter filter = filter(req);
        List<Camera> all = new ArrayList<>();
        ApiResponse response;
        switch (format) {
            case "csv" -> {
                registry.forEach(filter, all::add);
                StringBuilder sb = new StringBuilder(all.size() * 160 + 200);
                CameraCsv.write(all, sb);
                response = ApiResponse.text(HttpResponseStatus.OK, "text/csv; charset=utf-8", sb.toString())
                        .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "attachment; filename=\"cameras.csv\"");
            }
            case "geojson" -> {
                registry.forEach(filter, all::add);
                ByteArrayOutputStream out = new ByteArrayOutputStream(all.size() * 400 + 200);
                geoJson.write(all, out);
                response = new ApiResponse(HttpResponseStatus.OK, "application/geo+json", out.toByteArray(), Map.of())
                        .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "attachment; filename=\"cameras.geojson\"");
            }
            default -> throw VmsException.invalid("format", "format must be csv or geojson");
        }
        audit.record(actor(req), "camera.export", "cameras", all.size() + " cameras as " + format, req.remoteAddress());
        return response;
    }

    private static String mediaType(ApiRequest req) {
        String ct = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (ct == null) {
            return "";
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String actor(ApiRequest req) {
        return req.requirePrincipal().username();
    }
}
