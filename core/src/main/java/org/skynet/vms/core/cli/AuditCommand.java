package org.skynet.vms.core.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.skynet.vms.core.audit.AuditVerifier;
import org.skynet.vms.core.audit.ExportVerifier;
import org.skynet.vms.core.audit.VerifyResult;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vms audit verify}: walks the hash chain of the audit log in the configured database and names
 * the first entry that was changed, removed or inserted; {@code vms audit verify-export FILE} checks
 * an export of {@code GET /api/audit/export}. Exit 0 intact, 1 broken, 2 bad usage or no database.
 * The embedded H2 database can only be opened while no server uses it: stop the server, or check an
 * export instead.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the tamper-evident audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.VerifyExport.class})
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vms audit verify [--config FILE | --data DIR]}. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the audit log's hash chain; exit 0 intact, 1 broken (naming the first bad entry).")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OfflineDatabaseOptions database;

        @Override
        public Integer call() {
            Database db = OfflineDatabaseOptions.open(database.config());
            try (db) {
                return report(new AuditVerifier(new Jdbc(db)).verify(), spec);
            }
        }
    }

    /** {@code vms audit verify-export FILE}. */
    @Command(name = "verify-export", mixinStandardHelpOptions = true,
            description = "Check an audit export (JSON lines); exit 0 intact, 1 broken.")
    static final class VerifyExport implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The file saved from GET /api/audit/export.")
        Path file;

        @Override
        public Integer call() {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return report(ExportVerifier.verify(in), spec);
            } catch (IOException e) {
                throw VmsException.invalid("FILE", "cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    private static int report(VerifyResult result, CommandSpec spec) {
        if (result.intact()) {
            spec.commandLine().getOut().println("audit log " + result.summary());
            return VmsCommand.EXIT_OK;
        }
        spec.commandLine().getErr().println("audit log " + result.summary());
        return VmsCommand.EXIT_CHECK_FAILED;
    }
}
