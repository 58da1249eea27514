package org.skynet.vms.core.cluster.routing;

import io.netty.channel.ChannelHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.live.LiveService;
import org.skynet.vms.core.live.LiveUpgradeHandler;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;

/**
 * The HTTP server of a recorder node ({@code ./vms recorder}): core's {@link VmsServer} with the route
 * {@link NodeFileApi} and, when given the node's live service, the live WebSocket, both behind the
 * {@link ClusterToken}. Its base URL is what the node writes to
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
        return start(bind, port, roots, token, null, null, null);
    }

    /**
     * As above, and the node's live view for core: {@code /api/cameras/{id}/live} (WebSocket, the same
     * messages as core's own live view) of the cameras whose ingest session is on this node, through the
     * node's {@code live} service. Views are audited in the node's {@code audit} log as user
     * {@value ClusterAuthenticator#CORE}; core audits the real viewer.
     *
     * @param live  the node's live viewers (over the node's {@code RecordingService}), or null for no live route
     */
    public static NodeFileServer start(String bind, int port, List<Path> roots, String token, LiveService live,
            AuditLog audit, Clock clock) throws InterruptedException {
        ClusterToken clusterToken = new ClusterToken(token);
        StorageRoots storage = new StorageRoots(roots);
        ClusterAuthenticator authenticator = new ClusterAuthenticator(clusterToken);
        ApiRouter router = new ApiRouter(authenticator);
        new NodeFileApi(storage).register(router);
        HttpSettings http = new HttpSettings(bind, port, 64 * 1024, 16 * 1024, 8 * 1024, IDLE_SECONDS, WORKERS);
        AtomicReference<VmsServer> started = new AtomicReference<>();
        Executor workers = command -> {
            VmsServer s = started.get();
            if (s == null) {
                throw new RejectedExecutionException("the node's server is still starting");
            }
            s.workers().execute(command);
        };
        List<ChannelHandler> upgrades = live == null ? List.of()
                : List.of(new LiveUpgradeHandler(live, authenticator, audit, clock, workers));
        started.set(VmsServer.start(http, router, upgrades, null));
        return new NodeFileServer(started.get(), bind);
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
