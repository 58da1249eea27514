package org.skynet.vms.core.cluster.routing;

import java.nio.file.Path;
import java.util.List;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;

/**
 * The HTTP server of a recorder node ({@code ./vms recorder}): core's {@link VmsServer} with one route,
 * {@link NodeFileApi}, behind the {@link ClusterToken}. Its base URL is what the node writes to
 * {@code recorder_nodes.url}. Close it when the node stops.
 */
public final class NodeFileServer implements AutoCloseable {
    /** Worker threads reading files for core. */
    public static final int WORKERS = 4;
    private static final int IDLE_SECONDS = 120;

    private final VmsServer server;
    private final String host;

    private NodeFileServer(VmsServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Binds {@code bind:port} (port 0 picks a free one) and serves the files under {@code roots} (the
     * node's segment root and clip root) to whoever presents {@code token}.
     *
     * @throws IllegalArgumentException for a token shorter than {@link ClusterToken#MIN_CHARS} or no root
     */
    public static NodeFileServer start(String bind, int port, List<Path> roots, String token)
            throws InterruptedException {
        ClusterToken clusterToken = new ClusterToken(token);
        StorageRoots storage = new StorageRoots(roots);
        ApiRouter router = new ApiRouter(new ClusterAuthenticator(clusterToken));
        new NodeFileApi(storage).register(router);
        HttpSettings http = new HttpSettings(bind, port, 64 * 1024, 16 * 1024, 8 * 1024, IDLE_SECONDS, WORKERS);
        return new NodeFileServer(VmsServer.start(http, router), bind);
    }

    public int port() {
        return server.port();
    }

    /**
     * The base URL for {@code recorder_nodes.url}: {@code http://host:port}. A node bound to a wildcard
     * address must advertise a name core can reach instead (the {@code node} command's setting).
     */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
