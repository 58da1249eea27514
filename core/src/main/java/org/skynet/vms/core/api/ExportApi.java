package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.exports.ExportManifest;
import org.skynet.vms.core.exports.ExportRecord;
import org.skynet.vms.core.exports.ExportService;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/exports}: evidence exports of a camera's recording (see {@code docs/ref/api.md#exports}).
 * Operators, supervisors and admins may request, list and download exports (technicians manage
 * cameras, not evidence). Requests and downloads are audited. A request answers 202 at once; the job
 * runs on the export thread and its state goes {@code pending} → {@code done} | {@code failed}.
 */
public final class ExportApi {
    static final Access EVIDENCE = Access.roles(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);

    private final ExportService exports;
    private final AuditLog audit;

    public ExportApi(ExportService exports, AuditLog audit) {
        this.exports = exports;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.post("/api/exports", EVIDENCE, this::request);
        router.get("/api/exports", EVIDENCE, this::list);
        router.get("/api/exports/{id}", EVIDENCE, this::status);
        router.get("/api/exports/{id}/files/{name}", EVIDENCE, this::download);
    }

    /** An export as the API shows it; {@code files} only once done. */
    record ExportView(String id, String cameraId, Instant from, Instant to, String requestedBy, Instant requestedAt,
            String state, Instant finishedAt, String error, String manifestSha256, List<String> files) {
    }

    private ExportView view(ExportRecord r, boolean withFiles) {
        return new ExportView(r.id(), r.cameraId(), r.from(), r.to(), r.requestedBy(), r.requestedAt(), r.state(),
                r.finishedAt(), r.error(), r.manifestSha256(), withFiles ? exports.fileNames(r) : null);
    }

    private ApiResponse request(ApiRequest req) {
        JsonNode body = req.jsonBody();
        if (body == null || !body.isObject()) {
            throw VmsException.invalid("body", "expected a JSON object with cameraId, from and to");
        }
        JsonNode cameraId = body.get("cameraId");
        if (cameraId == null || !cameraId.isTextual() || cameraId.textValue().isBlank()) {
            throw VmsException.invalid("cameraId", "cameraId is required");
        }
        ExportRecord r = exports.request(req.requirePrincipal().username(), DistrictScope.of(req.principal()),
                cameraId.textValue(),
                instant(body.get("from"), "from"), instant(body.get("to"), "to"), req.remoteAddress());
        return ApiResponse.json(HttpResponseStatus.ACCEPTED, view(r, false))
                .withHeader(HttpHeaderNames.LOCATION.toString(), "/api/exports/" + r.id());
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Map.of("exports", exports.list(DistrictScope.of(req.principal())).stream().map(r -> view(r, false)).toList()));
    }

    private ApiResponse status(ApiRequest req) {
        return ApiResponse.ok(view(exports.get(req.pathParam("id"), DistrictScope.of(req.principal())), true));
    }

    private ApiResponse download(ApiRequest req) {
        String id = req.pathParam("id");
        String name = req.pathParam("name");
        DistrictScope scope = DistrictScope.of(req.principal());
        Path file = exports.file(id, scope, name);
        String cameraId = exports.get(id, scope).cameraId();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read export file " + name + ": " + e.getMessage(), e);
        }
        audit.record(req.requirePrincipal().username(), "recording.export.download", cameraId,
                "export " + id + " file " + name, req.remoteAddress());
        String type = name.endsWith(".mp4") ? "video/mp4" : name.equals(ExportManifest.FILE_NAME) ? "application/json"
                : "application/octet-stream";
        return new ApiResponse(HttpResponseStatus.OK, type, content, Map.of())
                .withHeader(HttpHeaderNames.CONTENT_DISPOSITION.toString(), "attachment; filename=\"" + name + "\"");
    }

    private static Instant instant(JsonNode value, String field) {
        if (value == null || !value.isTextual()) {
            throw VmsException.invalid(field, field + " is required, an ISO-8601 instant like 2026-11-26T06:00:00Z");
        }
        try {
            return Instant.parse(value.textValue().trim());
        } catch (DateTimeParseException e) {
            throw VmsException.invalid(field, field + " must be an ISO-8601 instant like 2026-11-26T06:00:00Z, got '"
                    + value.textValue() + "'");
        }
    }
}
