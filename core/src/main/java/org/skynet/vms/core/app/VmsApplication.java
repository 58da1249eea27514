package org.skynet.vms.core.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.api.HealthApi;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.VmsServer;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled server: database, stores, API routes and the HTTP server, started in that order and
 * closed in reverse. {@code serve} and {@code demo} differ only in the {@link Mode} they pass.
 */
public final class VmsApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VmsApplication.class);

    /** What the server is started for. */
    public enum Mode {
        SERVE,
        DEMO
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Database database;
    private VmsServer server;

    private VmsApplication() {
    }

    /** Starts everything; on failure, whatever was started is closed again. */
    public static VmsApplication start(VmsConfig config, Mode mode, Clock clock) throws InterruptedException {
        VmsApplication app = new VmsApplication();
        try {
            app.startComponents(config, mode, clock);
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
    }

    private void startComponents(VmsConfig config, Mode mode, Clock clock) throws InterruptedException {
        Path dataDir = config.path("data", "./data");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot create data directory " + dataDir + ": " + e, "data", e);
        }
        database = Database.open(new DbSettings(config.string("db.url", null), config.string("db.user", null),
                config.string("db.password", null), dataDir, config.string("db.schema", null),
                config.integer("db.pool-size", 10)));
        closeables.add(database);
        Jdbc jdbc = new Jdbc(database);

        ApiRouter router = new ApiRouter(request -> java.util.Optional.empty());
        new HealthApi(jdbc, clock, mode.name().toLowerCase()).register(router);

        String defaultBind = mode == Mode.DEMO ? "127.0.0.1" : "0.0.0.0";
        HttpSettings http = new HttpSettings(config.string("bind", defaultBind), config.integer("port", 8080),
                config.integer("http.max-body-bytes", 64 * 1024 * 1024), config.integer("http.max-header-bytes", 16 * 1024),
                8 * 1024, config.integer("http.idle-timeout-seconds", 300), config.integer("http.workers", 16));
        server = VmsServer.start(http, router);
        closeables.add(server);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }
}
