package org.skynet.vms.core.live;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.core.server.PushSession;
import org.skynet.vms.core.server.WebSocketUpgradeHandler;
import org.skynet.vms.core.users.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code GET /api/cameras/{id}/live} with {@code Upgrade: websocket} into a live video connection.
 * Before the upgrade, on the given executor (it reads the database): the caller is authenticated (session
 * cookie or {@code Authorization: Bearer}; 401 otherwise) and the camera resolved for that caller
 * ({@link LiveService#camera}; 404 for an unknown camera), so a bad request gets a plain HTTP error, never
 * a socket that hangs. After the upgrade the viewer joins the camera's stream (or, for a camera another
 * process holds, a relay from there: {@link RemoteLive}; a relay that cannot start closes the socket with
 * the reason, which names the node), and its start and end are
 * written to the audit log ({@code live.start}, {@code live.stop} with the time range). Other requests
 * pass on untouched. Sits in the HTTP pipeline before the API dispatcher.
 */
public final class LiveUpgradeHandler extends WebSocketUpgradeHandler<LiveUpgradeHandler.Viewer> {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpgradeHandler.class);
    private static final Pattern PATH = Pattern.compile("/api/cameras/([^/]+)/live");

    private final LiveService live;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;
    private final Executor executor;
    private final RemoteLive remote;

    /** @param executor where authentication, camera lookup and audit run, e.g. the API workers */
    public LiveUpgradeHandler(LiveService live, Authenticator authenticator, AuditLog audit, Clock clock,
            Executor executor) {
        this(live, RemoteLive.NONE, authenticator, audit, clock, executor);
    }

    /** As above, with the viewers of cameras held by another process relayed through {@code remote}. */
    public LiveUpgradeHandler(LiveService live, RemoteLive remote, Authenticator authenticator, AuditLog audit,
            Clock clock, Executor executor) {
        super("live", executor);
        this.live = live;
        this.remote = remote;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
    }

    /** An admitted viewer: who watches which camera. */
    record Viewer(String cameraId, String user) {
    }

    @Override
    protected Map<String, String> pathParameters(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? Map.of("id", QueryStringDecoder.decodeComponent(m.group(1))) : null;
    }

    @Override
    protected Viewer admit(ApiRequest request) {
        Principal who = authenticator.authenticate(request).orElseThrow(HttpError::unauthenticated);
        String cameraId = request.pathParam("id");
        live.camera(who, cameraId);
        return new Viewer(cameraId, who.username());
    }

    @Override
    protected PushSession open(ChannelHandlerContext ctx, Viewer viewer) {
        return new Connection(ctx, viewer, clock.instant(), remote(ctx));
    }

    /** One live connection: joins the stream once upgraded, releases it and audits the view once it ends. */
    private final class Connection implements PushSession {
        private final ChannelHandlerContext ctx;
        private final String cameraId;
        private final String user;
        private final Instant start;
        private final String address;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Guarded by itself: set on a worker, read when the connection ends. */
        private LiveViewer viewer;
        /** Guarded by itself: the relay from the node holding the camera, when another process does. */
        private AutoCloseable relay;

        Connection(ChannelHandlerContext ctx, Viewer admitted, Instant start, String address) {
            this.ctx = ctx;
            this.cameraId = admitted.cameraId();
            this.user = admitted.user();
            this.start = start;
            this.address = address;
        }

        @Override
        public void upgraded() {
            executor.execute(this::started);
        }

        @Override
        public void closed() {
            if (closed.compareAndSet(false, true)) {
                try {
                    executor.execute(this::stopped);
                } catch (RejectedExecutionException e) {
                    LOG.warn("{}: server shutting down; live view of {} since {} not audited", cameraId, user, start);
                }
            }
        }

        private void started() {
            try {
                audit.record(user, "live.start", cameraId, null, address);
                Optional<AutoCloseable> relayed = remote.relay(cameraId, ctx.channel());
                synchronized (this) {
                    if (relayed.isPresent()) {
                        relay = relayed.get();
                        if (!ctx.channel().isActive()) {
                            closeRelay();
                        }
                    } else if (ctx.channel().isActive()) {
                        viewer = live.watch(cameraId, ctx.channel());
                    }
                }
            } catch (RuntimeException e) {
                LOG.info("{}: live view for {} refused: {}", cameraId, user, e.getMessage());
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                        cut(String.valueOf(e.getMessage())))).addListener(f -> ctx.close());
            }
        }

        private void stopped() {
            long dropped = 0;
            try {
                synchronized (this) {
                    if (viewer != null) {
                        live.release(viewer);
                        dropped = viewer.droppedFragments();
                    }
                    closeRelay();
                }
            } finally {
                audit.record(user, "live.stop", cameraId, "from=" + start + " to=" + clock.instant()
                        + " fragmentsDropped=" + dropped, address);
            }
        }

        private void closeRelay() {
            try {
                if (relay != null) {
                    relay.close();
                }
            } catch (Exception e) {
                LOG.warn("{}: closing the relay of {}'s live view: {}", cameraId, user, e.getMessage());
            }
        }
    }

    /** Close reasons must fit a control frame (123 bytes). */
    private static String cut(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }
}
