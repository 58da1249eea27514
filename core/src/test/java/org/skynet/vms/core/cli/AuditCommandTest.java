package org.skynet.vms.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.audit.AuditExport;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;

/** {@code vms audit verify} and {@code verify-export} on an embedded database: exit 0 intact, 1 broken, 2 usage. */
class AuditCommandTest {
    @TempDir
    Path dir;

    private static Database open(Path dataDir) {
        return Database.open(new DbSettings(null, null, null, dataDir, null, 2));
    }

    @Test
    void exitCodesFollowTheStateOfTheChain() throws Exception {
        Path data = dir.resolve("data");
        Path export = dir.resolve("export.jsonl");
        try (Database db = open(data)) {
            AuditLog log = new AuditLog(new Jdbc(db), Clock.systemUTC());
            for (int i = 0; i < 5; i++) {
                log.record("ana", "camera.update", "cam-" + i, "detail " + i, "127.0.0.1");
            }
            StringWriter out = new StringWriter();
            new AuditExport(new Jdbc(db)).write(null, null, out);
            Files.writeString(export, out.toString());
        }
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("audit", "verify", "--data", data.toString()));
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("audit", "verify-export", export.toString()));

        try (Database db = open(data)) {
            new Jdbc(db).update("UPDATE audit_log SET detail = 'nothing to see' WHERE target = 'cam-3'");
        }
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("audit", "verify", "--data", data.toString()));

        Files.writeString(export, Files.readString(export).replace("cam-2", "cam-9"));
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("audit", "verify-export", export.toString()));
    }

    @Test
    void noDatabaseIsAUsageError() {
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("audit", "verify", "--data", dir.resolve("empty").toString()));
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("audit", "verify-export", dir.resolve("none.jsonl").toString()));
    }
}
