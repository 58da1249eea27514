package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.nodes.ClusterRows;
import org.skynet.vms.core.server.Json;

/**
 * {@code GET /api/nodes} and {@code /api/nodes/{id}/cameras} over HTTP on a single-process server (cluster mode
 * off): every role reads them, nobody without a session; no unassigned count is claimed without cluster mode;
 * an unknown node is 404.
 */
class NodeApiIT {
    @AutoClose
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createTempDirectory("vms-node-api-it"), Map.of(), null);
        new ClusterRows(new Jdbc(server.app().database()))
                .node("rec-1", "ACTIVE", 400, 1, 3_000_000, 12.0, 1L << 30, 9L << 30, 30.0, 1)
                .camera("cam-1", "d1", "continuous", 600).lease("cam-1", "rec-1", 15);
    }

    @Test
    void everyRoleReadsTheNodesAndNoUnassignedCountOutsideClusterMode() throws Exception {
        for (String role : List.of("operator", "technician", "supervisor", "admin")) {
            HttpResponse<String> r = server.api().send("GET", "/api/nodes", server.login(role), null);
            assertEquals(200, r.statusCode(), role + ": " + r.body());
            JsonNode body = Json.MAPPER.readTree(r.body());
            assertEquals("rec-1", body.at("/nodes/0/nodeId").asText());
            assertEquals("ACTIVE", body.at("/nodes/0/state").asText());
            assertEquals(1, body.at("/nodes/0/leases").asInt());
            assertEquals(false, body.get("clusterEnabled").asBoolean());
            assertTrue(body.get("unassignedCameras").isNull(), r.body());
            assertEquals(1, body.get("recordedCameras").asInt());
        }
        assertEquals(401, server.api().send("GET", "/api/nodes", null, null).statusCode());
    }

    @Test
    void camerasOfANodeAndAnUnknownNode() throws Exception {
        String operator = server.login("operator");
        JsonNode page = server.awaitJson("/api/nodes/rec-1/cameras?limit=10", operator, b -> true);
        assertEquals("cam-1", page.at("/items/0/cameraId").asText());
        assertEquals(1, page.at("/items/0/epoch").asLong());
        assertTrue(page.get("nextAfter").isNull());
        HttpResponse<String> missing = server.api().send("GET", "/api/nodes/rec-9/cameras", operator, null);
        assertEquals(404, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("no recorder node rec-9"), missing.body());
        assertEquals(400, server.api().send("GET", "/api/nodes/rec-1/cameras?limit=0", operator, null).statusCode());
    }
}
