package org.skynet.vms.core.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.skynet.vms.core.exports.ExportCheck;
import org.skynet.vms.core.exports.SigningKey;
import org.skynet.vms.errors.VmsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vms verify-export DIR [--public-key FILE]}: checks an evidence export directory (signature and
 * every file's SHA-256) with no server and no database. Exit 0 intact, 1 broken (naming the first file
 * or field that fails), 2 bad usage (not an export directory, unreadable key). For the audit log's own
 * exports see {@code vms audit verify-export}.
 */
@Command(name = "verify-export", mixinStandardHelpOptions = true,
        description = "Check an evidence export directory: signature and every file's SHA-256; exit 0 intact, "
                + "1 broken (naming the file or field), 2 bad usage.")
final class VerifyExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The export directory (manifest.json, public-key.pem, MP4 files).")
    Path dir;

    @Option(names = "--public-key", paramLabel = "FILE", description = "The server's public key (PEM, e.g. "
            + "<data>/export-signing.pub or a known copy of public-key.pem); without it the key inside the export is "
            + "trusted, which proves the copy is intact but not who signed it.")
    Path publicKey;

    @Override
    public Integer call() {
        ExportCheck.Result result = ExportCheck.verify(dir, publicKey == null ? null : trustedKey(publicKey));
        if (result.intact()) {
            spec.commandLine().getOut().println(result.summary() + (publicKey == null
                    ? " (signer not pinned: pass --public-key to check who signed)" : ""));
            return VmsCommand.EXIT_OK;
        }
        spec.commandLine().getErr().println(result.summary());
        return VmsCommand.EXIT_CHECK_FAILED;
    }

    private static byte[] trustedKey(Path file) {
        try {
            return SigningKey.parsePem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | IllegalArgumentException e) {
            throw VmsException.invalid("--public-key", "cannot read a public key from " + file + ": " + e.getMessage());
        }
    }
}
