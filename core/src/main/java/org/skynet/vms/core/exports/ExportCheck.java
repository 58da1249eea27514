package org.skynet.vms.core.exports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.skynet.vms.errors.VmsException;

/**
 * Checks an export directory on its own, with no server and no database: the manifest parses, its
 * signer is the trusted key when one is given (and matches {@value ExportManifest#PUBLIC_KEY_FILE}
 * when present), the signature covers the manifest's canonical bytes, and every listed file has the
 * listed size and SHA-256. Stops at the first failure and names the file and field. Blocking file reads.
 */
public final class ExportCheck {
    /** Names a manifest may list: plain file names in the directory, nothing else. */
    public static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The outcome.
     *
     * @param files   files checked intact (before the failure, if any)
     * @param keyId   the signer's key id, when the manifest names one
     * @param failure what failed first, starting with the file name; empty when intact
     */
    public record Result(int files, String keyId, Optional<String> failure) {
        public boolean intact() {
            return failure.isEmpty();
        }

        /** One line for people. */
        public String summary() {
            return failure.map(f -> "export BROKEN: " + f + " (" + files + " files checked intact before)")
                    .orElse("export intact: signature by key " + keyId + " valid, " + files + " files match");
        }
    }

    private ExportCheck() {
    }

    /**
     * Verifies {@code dir}.
     *
     * @param trustedKeyDer the public key the signer must have (X.509 DER), or {@code null} to accept the
     *                      key the export carries (then only the integrity of the copy is shown)
     * @throws VmsException INVALID_ARGUMENT when {@code dir} is not a readable export directory
     */
    public static Result verify(Path dir, byte[] trustedKeyDer) {
        Path manifestFile = dir.resolve(ExportManifest.FILE_NAME);
        if (!Files.isDirectory(dir) || !Files.isRegularFile(manifestFile)) {
            throw VmsException.invalid("DIR", dir + " is not an export directory (no " + ExportManifest.FILE_NAME + ")");
        }
        JsonNode manifest;
        try {
            manifest = MAPPER.readTree(Files.readAllBytes(manifestFile));
        } catch (IOException e) {
            return failed(0, null, ExportManifest.FILE_NAME + ": not valid JSON (" + e.getMessage() + ")");
        }
        if (manifest == null || !manifest.isObject()) {
            return failed(0, null, ExportManifest.FILE_NAME + ": not a JSON object");
        }
        String keyId = text(manifest.path("signer"), "keyId");
        byte[] publicKeyDer;
        byte[] signature;
        try {
            publicKeyDer = base64(manifest.path("signer"), "publicKey", "signer.publicKey");
            signature = base64(manifest, ExportManifest.SIGNATURE, ExportManifest.SIGNATURE);
        } catch (IllegalArgumentException e) {
            return failed(0, keyId, ExportManifest.FILE_NAME + ": " + e.getMessage());
        }
        if (trustedKeyDer != null && !Arrays.equals(trustedKeyDer, publicKeyDer)) {
            return failed(0, keyId, ExportManifest.FILE_NAME + ": signer.publicKey (key " + keyId
                    + ") is not the trusted key " + SigningKey.keyId(trustedKeyDer));
        }
        Optional<String> pemMismatch = pemMismatch(dir, publicKeyDer);
        if (pemMismatch.isPresent()) {
            return failed(0, keyId, pemMismatch.get());
        }
        try {
            PublicKey key = SigningKey.publicKey(publicKeyDer);
            if (!SigningKey.verify(key, ExportManifest.signedBytes(manifest), signature)) {
                return failed(0, keyId, ExportManifest.FILE_NAME + ": signature does not match the manifest "
                        + "(a field was changed after signing, or it was signed by another key)");
            }
        } catch (GeneralSecurityException e) {
            return failed(0, keyId, ExportManifest.FILE_NAME + ": signer.publicKey is not an Ed25519 public key");
        }
        return checkFiles(dir, manifest.path("files"), keyId);
    }

    private static Result checkFiles(Path dir, JsonNode files, String keyId) {
        if (!files.isArray() || files.isEmpty()) {
            return failed(0, keyId, ExportManifest.FILE_NAME + ": field 'files' missing or empty");
        }
        int ok = 0;
        for (JsonNode f : files) {
            String name = text(f, "name");
            if (name == null || !FILE_NAME.matcher(name).matches()) {
                return failed(ok, keyId, ExportManifest.FILE_NAME + ": files[" + ok + "].name is not a plain file name");
            }
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                return failed(ok, keyId, name + ": listed in the manifest but missing");
            }
            try {
                long size = Files.size(file);
                long listed = f.path("bytes").asLong(-1);
                if (size != listed) {
                    return failed(ok, keyId, name + ": bytes is " + size + ", the manifest says " + listed);
                }
                String sha = Sha256.hex(file);
                if (!sha.equals(text(f, "sha256"))) {
                    return failed(ok, keyId, name + ": sha256 is " + sha + ", the manifest says " + text(f, "sha256"));
                }
            } catch (IOException e) {
                return failed(ok, keyId, name + ": cannot read (" + e.getMessage() + ")");
            }
            ok++;
        }
        return new Result(ok, keyId, Optional.empty());
    }

    private static Optional<String> pemMismatch(Path dir, byte[] publicKeyDer) {
        Path pem = dir.resolve(ExportManifest.PUBLIC_KEY_FILE);
        if (!Files.isRegularFile(pem)) {
            return Optional.empty();
        }
        try {
            byte[] der = SigningKey.parsePem(Files.readString(pem, StandardCharsets.US_ASCII));
            return Arrays.equals(der, publicKeyDer) ? Optional.empty()
                    : Optional.of(ExportManifest.PUBLIC_KEY_FILE + ": not the key in the manifest's signer.publicKey");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(ExportManifest.PUBLIC_KEY_FILE + ": not a PEM public key");
        }
    }

    private static byte[] base64(JsonNode node, String member, String field) {
        String value = text(node, member);
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' missing");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' is not base64");
        }
    }

    private static String text(JsonNode node, String member) {
        JsonNode v = node.get(member);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static Result failed(int files, String keyId, String message) {
        return new Result(files, keyId, Optional.of(message));
    }
}
