package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A recorder node refuses to start without what it needs, naming the setting; lease timings from the config. */
class RecorderNodeSettingsTest {
    private static final String TOKEN = "sixteen-chars..!";
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @TempDir
    Path data;

    @Test
    void refusesToStartWithoutWhatItNeeds() {
        assertRefused(ErrorKind.INVALID_ARGUMENT, "node.id", Map.of("node.id", "bad id"));
        assertRefused(ErrorKind.INVALID_ARGUMENT, "cluster.token", Map.of("node.id", "n1", "cluster.token", ""));
        assertRefused(ErrorKind.INVALID_ARGUMENT, "cluster.token", Map.of("node.id", "n1", "cluster.token", "fifteen-chars.."));
        assertRefused(ErrorKind.INVALID_ARGUMENT, "db.url", Map.of("node.id", "n1"));
        assertRefused(ErrorKind.INVALID_ARGUMENT, "master-key", Map.of("node.id", "n1",
                "db.url", "jdbc:h2:mem:node-settings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"));
        VmsException h2 = assertRefused(ErrorKind.UNSUPPORTED, "db.url", Map.of("node.id", "n1", "master-key", KEY,
                "db.url", "jdbc:h2:mem:node-settings;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        assertTrue(h2.getMessage().contains("PostgreSQL"), h2.getMessage());
    }

    @Test
    void theCommandWantsANodeId() {
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("recorder", "--data", data.toString()));
    }

    @Test
    void leaseTimingsComeFromTheConfig() {
        LeaseSettings settings = RecorderNode.leaseSettings(VmsConfig.ofFlags(Map.of("cluster.lease-ttl-seconds", "4.5",
                "cluster.sync-seconds", "2")));
        assertEquals(Duration.ofMillis(4500), settings.ttl());
        assertEquals(Duration.ofMillis(1500), settings.renewInterval());
        assertEquals(Duration.ofSeconds(2), settings.syncInterval());
        assertEquals(LeaseSettings.defaults(), RecorderNode.leaseSettings(VmsConfig.ofFlags(Map.of())));
        assertThrows(VmsException.class, () -> RecorderNode.leaseSettings(VmsConfig.ofFlags(Map.of(
                "cluster.lease-ttl-seconds", "0.5"))));
    }

    private VmsException assertRefused(ErrorKind kind, String field, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("cluster.token", TOKEN));
        all.putAll(settings);
        all.put("data", data.toString());
        VmsException e = assertThrows(VmsException.class, () -> RecorderNode.start(VmsConfig.ofFlags(all),
                Clock.systemUTC()).close(), "started with " + settings);
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        return e;
    }
}
