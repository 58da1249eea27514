package org.skynet.vms.core.api;

import org.skynet.vms.core.nodes.NodeDirectory;
import org.skynet.vms.core.nodes.NodeSettings;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;

/**
 * The recorder nodes for every signed-in user: {@code GET /api/nodes} (each node's state, figures and last
 * heartbeat, the cluster's totals and the number of cameras to record that have no live lease) and
 * {@code GET /api/nodes/{id}/cameras?after=&limit=} (the cameras a node holds a live lease on, by id, only
 * those of the caller's districts). Read-only; the nodes write these rows themselves.
 */
public final class NodeApi {
    private static final int MAX_LIMIT = 500;

    private final NodeDirectory directory;
    private final NodeSettings settings;

    public NodeApi(NodeDirectory directory, NodeSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    public void register(ApiRouter router) {
        router.get("/api/nodes", Access.ANY_USER, req -> ApiResponse.ok(directory.overview(settings)));
        router.get("/api/nodes/{id}/cameras", Access.ANY_USER, this::cameras);
    }

    private ApiResponse cameras(ApiRequest req) {
        return ApiResponse.ok(directory.cameras(req.pathParam("id"), req.queryParam("after").orElse(null),
                req.intParam("limit", 100, 1, MAX_LIMIT), DistrictScope.of(req.principal())));
    }
}
