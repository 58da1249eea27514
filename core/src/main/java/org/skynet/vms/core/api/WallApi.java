package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.core.wall.WallLayout;
import org.skynet.vms.core.wall.WallStore;
import org.skynet.vms.errors.VmsException;

/**
 * {@code /api/me/wall}: the signed-in user's video wall, a layout of 1, 4, 9 or 16 tiles and the camera in
 * each. Saving checks every camera exists and is within the user's districts (404 otherwise, as if absent).
 * Operators, supervisors and admins. See {@code docs/ref/api.md#video-wall} and {@code docs/design/video-wall.md}.
 */
public final class WallApi {
    private static final Access WATCHERS = Access.roles(Role.OPERATOR, Role.SUPERVISOR, Role.ADMIN);

    private final WallStore store;
    private final CameraRegistry registry;
    private final Clock clock;

    public WallApi(WallStore store, CameraRegistry registry, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.get("/api/me/wall", WATCHERS,
                req -> ApiResponse.ok(store.find(req.requirePrincipal().username()).orElse(WallLayout.DEFAULT)));
        router.put("/api/me/wall", WATCHERS, this::put);
    }

    private ApiResponse put(ApiRequest req) {
        WallLayout wall = parse(req.jsonBody());
        DistrictScope scope = DistrictScope.of(req.principal());
        wall.tiles().stream().filter(id -> id != null).forEach(id -> registry.get(id, scope));
        store.save(req.requirePrincipal().username(), wall, clock.instant());
        return ApiResponse.ok(wall);
    }

    private static WallLayout parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw VmsException.invalid("layout", "the body must be a JSON object {layout, tiles}");
        }
        JsonNode layout = body.get("layout");
        if (layout == null || !layout.isIntegralNumber() || !layout.canConvertToInt()) {
            throw VmsException.invalid("layout", "layout must be 1, 4, 9 or 16 tiles; got " + layout);
        }
        JsonNode tiles = body.get("tiles");
        if (tiles == null || !tiles.isArray()) {
            throw VmsException.invalid("tiles", "tiles must be a JSON array of camera ids or nulls, one per tile");
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            JsonNode tile = tiles.get(i);
            if (!tile.isNull() && !(tile.isTextual() && !tile.asText().isBlank())) {
                throw VmsException.invalid("tiles[" + i + "]", "tiles[" + i + "] must be a camera id or null; got " + tile);
            }
            ids.add(tile.isNull() ? null : tile.asText());
        }
        return new WallLayout(layout.intValue(), ids);
    }
}
