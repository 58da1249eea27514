package org.skynet.vms.core.events;

import io.netty.channel.ChannelHandlerContext;
import java.util.Map;
import java.util.concurrent.Executor;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.core.server.PushSession;
import org.skynet.vms.core.server.WebSocketUpgradeHandler;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Principal;

/**
 * Turns {@code GET /api/events} with {@code Upgrade: websocket} into an event connection. The caller is
 * authenticated first, like any API call (session cookie or {@code Authorization: Bearer}), on the given
 * executor because that reads the database; without a valid session the answer is 401 and no upgrade.
 * The connection resumes its drain when the channel becomes writable again and leaves the hub when it
 * ends. Other requests pass on untouched. Sits in the HTTP pipeline before the API dispatcher.
 */
public final class EventsUpgradeHandler extends WebSocketUpgradeHandler<Principal> {
    /** The path of the event WebSocket. */
    public static final String PATH = "/api/events";

    private final EventHub hub;
    private final Authenticator authenticator;

    /** @param executor where the (blocking) authentication runs, e.g. the API workers */
    public EventsUpgradeHandler(EventHub hub, Authenticator authenticator, Executor executor) {
        super("events", executor);
        this.hub = hub;
        this.authenticator = authenticator;
    }

    @Override
    protected Map<String, String> pathParameters(String path) {
        return PATH.equals(path) ? Map.of() : null;
    }

    @Override
    protected Principal admit(ApiRequest request) {
        try {
            return authenticator.authenticate(request).orElseThrow(HttpError::unauthenticated);
        } catch (RuntimeException e) {
            throw HttpError.unauthenticated();
        }
    }

    @Override
    protected PushSession open(ChannelHandlerContext ctx, Principal principal) {
        EventSession session = hub.open(ctx.channel(), principal.username(), DistrictScope.of(principal));
        return new PushSession() {
            @Override
            public void upgradeFailed() {
                hub.closed(session);
            }

            @Override
            public void writable() {
                session.drain();
            }

            @Override
            public void closed() {
                hub.closed(session);
            }
        };
    }
}
