package org.skynet.vms.core.ha;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;
import org.skynet.vms.core.tls.TlsSettings;

/**
 * What a standby serves while it waits for the leader lock, on the server's own address, port and TLS:
 * {@link StandbyHealth} at {@code GET /api/health}, 503 {@code STANDBY} for the rest of the API
 * ({@link StandbyGate}), and the console's static files. Nothing here touches the database.
 */
public final class StandbyServer implements AutoCloseable {
    private final VmsServer server;
    private final StandbyHealth health;
    private final boolean tls;

    private StandbyServer(VmsServer server, StandbyHealth health, boolean tls) {
        this.server = server;
        this.health = health;
        this.tls = tls;
    }

    /** Binds the configured address and port ({@code bind}, {@code port}, {@code tls.*}). */
    public static StandbyServer start(VmsConfig config, Clock clock) throws InterruptedException {
        StandbyHealth health = new StandbyHealth(clock);
        ApiRouter router = new ApiRouter(request -> Optional.empty());
        router.get(StandbyGate.HEALTH_PATH, Access.PUBLIC, health::answer);
        Optional<TlsSettings> tls = TlsSettings.from(config);
        VmsServer server = VmsServer.start(HttpSettings.from(config, "0.0.0.0"), router, List.of(new StandbyGate()),
                tls.map(TlsSettings::context).orElse(null));
        return new StandbyServer(server, health, tls.isPresent());
    }

    /** Where the health answer learns how the last try for the lock went. */
    StandbyHealth health() {
        return health;
    }

    public int port() {
        return server.port();
    }

    public boolean tls() {
        return tls;
    }

    @Override
    public void close() {
        server.close();
    }
}
