package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.recording.RecordingModes;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.retention.RetentionPolicy;

/**
 * {@code /api/cameras/{id}/retention}: how long a camera's recordings are kept. Any signed-in user
 * reads it; technicians and admins set the camera's own maximum age in days, or {@code null} for the
 * recorder default (audited as {@code camera.retention}). See {@code docs/ref/api.md#retention}.
 */
public final class RetentionApi {
    /** Longest maximum age a camera may have: ten years. */
    public static final int MAX_DAYS = 3650;
    private static final Access CHANGE = Access.roles(Role.TECHNICIAN, Role.ADMIN);

    private final RecordingModes modes;
    private final CameraRegistry registry;
    private final AuditLog audit;
    private final RetentionPolicy policy;

    public RetentionApi(RecordingModes modes, CameraRegistry registry, AuditLog audit, RetentionPolicy policy) {
        this.modes = modes;
        this.registry = registry;
        this.audit = audit;
        this.policy = policy;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras/{id}/retention", Access.ANY_USER, this::get);
        router.put("/api/cameras/{id}/retention", CHANGE, this::put);
    }

    /** The answer: the camera's own maximum age (or null), the default, and the one in force. */
    record RetentionView(String cameraId, Integer maxAgeDays, long defaultMaxAgeDays, long effectiveMaxAgeDays,
            String keepFree) {
    }

    private RetentionView view(String id) {
        Integer own = modes.maxAgeDays(id).orElse(null);
        long fallback = policy.defaultMaxAge().toDays();
        return new RetentionView(id, own, fallback, own == null ? fallback : own, policy.quota().toString());
    }

    private ApiResponse get(ApiRequest req) {
        return ApiResponse.ok(view(registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id()));
    }

    private ApiResponse put(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        JsonNode body = req.jsonBody();
        JsonNode days = body == null ? null : body.get("maxAgeDays");
        if (body == null || !body.isObject() || days == null) {
            throw VmsException.invalid("maxAgeDays", "maxAgeDays is required: whole days from 1 to " + MAX_DAYS
                    + ", or null for the default");
        }
        Integer value = null;
        if (!days.isNull()) {
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.intValue() < 1 || days.intValue() > MAX_DAYS) {
                throw VmsException.invalid("maxAgeDays", "maxAgeDays must be whole days from 1 to " + MAX_DAYS
                        + ", or null for the default; got " + days);
            }
            value = days.intValue();
        }
        modes.setMaxAgeDays(id, value);
        audit.record(req.requirePrincipal().username(), "camera.retention", id,
                "maxAgeDays=" + (value == null ? "default" : value), req.remoteAddress());
        return ApiResponse.ok(view(id));
    }
}
