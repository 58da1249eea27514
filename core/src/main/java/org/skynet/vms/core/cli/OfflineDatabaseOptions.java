package org.skynet.vms.core.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Option;

/**
 * Options of the maintenance commands that work on the server's database while no server runs
 * ({@code vms audit verify}, {@code vms keys rotate}): the settings file or the data directory.
 */
public final class OfflineDatabaseOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "The server's settings file (for db.url etc.).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data).")
    Path data;

    /** The effective configuration: file, then environment, then {@code --data}. */
    VmsConfig config() {
        Map<String, String> flags = new HashMap<>();
        if (data != null) {
            flags.put("data", data.toString());
        }
        return VmsConfig.load(config, System.getenv(), flags);
    }

    /**
     * Opens the configured database; a missing embedded database or one still held by a running server
     * is an INVALID_ARGUMENT (exit 2) that says what to give instead.
     */
    static Database open(VmsConfig cfg) {
        Path dataDir = cfg.path("data", "./data");
        if (cfg.string("db.url", null) == null && !Files.isDirectory(dataDir.resolve("db"))) {
            throw VmsException.invalid("data", "no embedded database under " + dataDir.toAbsolutePath()
                    + ": give --data DIR or --config FILE");
        }
        try {
            return Database.open(DbSettings.from(cfg, dataDir, 2));
        } catch (VmsException e) {
            throw new VmsException(ErrorKind.INVALID_ARGUMENT, "cannot open the database (" + e.getMessage()
                    + "); an embedded database can only be opened while no server uses it", "db.url", e);
        }
    }
}
