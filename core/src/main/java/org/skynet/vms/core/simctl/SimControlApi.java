package org.skynet.vms.core.simctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.errors.VmsException;

/**
 * The control endpoint of a simulated fleet ({@code vms sim --control-port P}), for tests, demos and
 * benchmarks: list the cameras, switch faults and fire ONVIF events at run time. It listens on loopback only and has no
 * authentication: it controls simulated cameras, nothing real.
 *
 * <pre>
 * GET  /api/sim/cameras                          → {"items":[{"id","rtspUrl","onvifUrl","username","password","fault"}]}
 * POST /api/sim/faults {"cameras":["sim-000001"],"fault":"down"}   (fault: none, down, refusing,
 *      wrong_password, stall, sd_only, slow:MS, clock_drift:S; "cameras":"all" for every camera)
 * POST /api/sim/cameras/{id}/events {"kind":"motion","active":true}   (kind: motion or tamper; active
 *      defaults to true) → {"cameraId","kind","active"}; delivered to the camera's ONVIF pull points
 * </pre>
 */
public final class SimControlApi {
    private final SimulatedFleet fleet;

    public SimControlApi(SimulatedFleet fleet) {
        this.fleet = fleet;
    }

    public void register(ApiRouter router) {
        router.get("/api/sim/cameras", Access.PUBLIC, req -> ApiResponse.ok(Map.of("items", cameras())));
        router.post("/api/sim/faults", Access.PUBLIC, req -> {
            JsonNode body = req.jsonBody();
            Fault fault = Fault.parse(text(body, "fault"));
            List<String> ids = ids(body.get("cameras"));
            fleet.setFault(ids, fault);
            return ApiResponse.ok(Map.of("cameras", ids.size(), "fault", text(body, "fault")));
        });
        router.post("/api/sim/cameras/{id}/events", Access.PUBLIC, req -> {
            JsonNode body = req.jsonBody();
            SimEvent.Kind kind = SimEvent.Kind.parse(text(body, "kind"));
            JsonNode active = body.get("active");
            if (active != null && !active.isBoolean()) {
                throw VmsException.invalid("active", "active must be true or false");
            }
            String id = req.pathParam("id");
            boolean on = active == null || active.booleanValue();
            fleet.fireEvent(List.of(id), kind, on);
            return ApiResponse.ok(Map.of("cameraId", id, "kind", kind.wireName(), "active", on));
        });
    }

    private List<Map<String, Object>> cameras() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SimulatedCamera c : fleet.cameras()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("rtspUrl", c.rtspMainUrl().toString());
            m.put("onvifUrl", c.onvifUrl().toString());
            m.put("username", c.username());
            m.put("password", c.password());
            m.put("fault", c.fault().toString());
            out.add(m);
        }
        return out;
    }

    private List<String> ids(JsonNode cameras) {
        if (cameras != null && cameras.isTextual() && cameras.textValue().equals("all")) {
            return fleet.cameras().stream().map(SimulatedCamera::id).toList();
        }
        if (cameras == null || !cameras.isArray() || cameras.isEmpty()) {
            throw VmsException.invalid("cameras", "cameras must be a non-empty array of camera ids or \"all\"");
        }
        List<String> ids = new ArrayList<>();
        cameras.forEach(n -> ids.add(n.asText()));
        return ids;
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw VmsException.invalid(field, field + " is required");
        }
        return n.textValue();
    }
}
