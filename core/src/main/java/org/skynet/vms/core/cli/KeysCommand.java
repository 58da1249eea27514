package org.skynet.vms.core.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.keys.KeyFiles;
import org.skynet.vms.core.keys.KeyRotation;
import org.skynet.vms.core.secrets.MasterKey;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vms keys rotate}: re-seals every stored camera password under a new master key in one transaction
 * and replaces {@code <data>/master.key} atomically (see {@link KeyRotation}); with {@code VMS_MASTER_KEY}
 * set it prints the new key for the operator to set instead. Exit 0 with the count, 1 when the rotation
 * failed (nothing changed), 2 bad usage. Like {@code vms audit verify}, it needs the embedded database
 * unused: stop the server first.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the master key.",
        subcommands = {KeysCommand.Rotate.class})
public final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vms keys rotate [--data DIR | --config FILE] [--new-key-file F]}. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Re-encrypt every camera password with a new master key; exit 0 with the count, 1 failed.")
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        OfflineDatabaseOptions database;

        @Option(names = "--new-key-file", paramLabel = "F",
                description = "Take the new key from F (base64 of 32 bytes) instead of generating one.")
        Path newKeyFile;

        @Override
        public Integer call() {
            VmsConfig cfg = database.config();
            Path dataDir = cfg.path("data", "./data");
            String envKey = cfg.string(MasterKey.SETTING, null);
            boolean inEnv = envKey != null && !envKey.isBlank();
            byte[] newKey = newKeyFile == null ? KeyRotation.generate() : KeyFiles.read(newKeyFile);
            if (!inEnv && !Files.isRegularFile(dataDir.resolve(MasterKey.FILE_NAME))) {
                throw VmsException.invalid("data", "no master key at " + dataDir.resolve(MasterKey.FILE_NAME)
                        + " and " + VmsConfig.envName(MasterKey.SETTING) + " is not set: give --data DIR or --config FILE");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = OfflineDatabaseOptions.open(cfg)) {
                KeyRotation rotation = new KeyRotation(new Jdbc(db));
                if (inEnv) {
                    if (newKeyFile == null) {
                        out.println("new master key (set " + VmsConfig.envName(MasterKey.SETTING)
                                + " to it once this command reports success): " + Base64.getEncoder().encodeToString(newKey));
                        out.flush();
                    }
                    int count = rotation.rotate(KeyFiles.decode(envKey, VmsConfig.envName(MasterKey.SETTING)), newKey);
                    out.println("re-encrypted " + count + " camera credentials; now set "
                            + VmsConfig.envName(MasterKey.SETTING) + " to the new key and restart the server");
                } else {
                    int count = rotation.rotateFile(new KeyFiles(dataDir), newKey);
                    out.println("re-encrypted " + count + " camera credentials; new key in "
                            + dataDir.resolve(MasterKey.FILE_NAME) + ", previous key kept in "
                            + dataDir.resolve(MasterKey.FILE_NAME + ".old") + " (for older database backups)");
                }
                return VmsCommand.EXIT_OK;
            } catch (VmsException e) {
                if (e.kind() == ErrorKind.INVALID_ARGUMENT) {
                    throw e;
                }
                spec.commandLine().getErr().println("vms: key rotation failed: " + e.getMessage());
                return VmsCommand.EXIT_CHECK_FAILED;
            }
        }
    }
}
