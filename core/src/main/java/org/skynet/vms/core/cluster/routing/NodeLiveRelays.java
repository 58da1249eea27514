package org.skynet.vms.core.cluster.routing;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Optional;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.live.RemoteLive;
import org.skynet.vms.core.server.HttpError;

/**
 * Core's live view of cameras recorded on nodes: a camera whose lease names a node
 * ({@code camera_leases.node_id}) is relayed from that node's {@code recorder_nodes.url} by a
 * {@link LiveRelay}; a camera without a leased node is served by core's own {@code LiveService}. One
 * indexed lookup per viewer. Thread-safe.
 */
public final class NodeLiveRelays implements RemoteLive {
    private static final String LEASE_NODE = "SELECT l.node_id, n.url FROM camera_leases l "
            + "LEFT JOIN recorder_nodes n ON n.node_id = l.node_id WHERE l.camera_id = ? AND l.node_id IS NOT NULL";

    private final Jdbc jdbc;
    private final ClusterToken token;
    private final Duration timeout;

    /** @param timeout to connect and to get the node's handshake, each */
    public NodeLiveRelays(Jdbc jdbc, ClusterToken token, Duration timeout) {
        this.jdbc = jdbc;
        this.token = token;
        this.timeout = timeout;
    }

    /** Relays when {@code cluster.token} is set (core of a cluster), else {@link RemoteLive#NONE}. */
    public static RemoteLive fromConfig(VmsConfig config, Jdbc jdbc) {
        String t = config.string("cluster.token", "");
        return t.isBlank() ? RemoteLive.NONE : new NodeLiveRelays(jdbc, new ClusterToken(t), Duration.ofMillis(
                config.integer("cluster.node-connect-timeout-millis",
                        (int) NodeFileClient.DEFAULT_CONNECT_TIMEOUT.toMillis())));
    }

    @Override
    public Optional<AutoCloseable> relay(String cameraId, Channel viewer) {
        Optional<String[]> lease = jdbc.queryOne(LEASE_NODE, rs -> new String[] {rs.getString(1), rs.getString(2)},
                cameraId);
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        String nodeId = lease.get()[0];
        String url = lease.get()[1];
        if (url == null || url.isBlank()) {
            throw new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "NODE_UNAVAILABLE", "camera " + cameraId
                    + " is leased to recorder node " + nodeId + ", which is not registered with a URL");
        }
        return Optional.of(LiveRelay.open(new RecorderNode(nodeId, url), cameraId, viewer, token, timeout));
    }
}
