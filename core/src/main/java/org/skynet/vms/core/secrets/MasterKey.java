package org.skynet.vms.core.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key that seals secrets at rest: setting {@code master-key} (environment
 * {@code VMS_MASTER_KEY}, base64 of 32 bytes) if set, else the file {@code <data>/master.key}, which is
 * created with a random key and permissions 0600 on first start. Losing the key makes stored camera
 * passwords unreadable; the key is never logged.
 */
public final class MasterKey {
    /** The setting (and, through {@link VmsConfig#envName}, the variable {@code VMS_MASTER_KEY}). */
    public static final String SETTING = "master-key";
    /** File name of the generated key under the data directory. */
    public static final String FILE_NAME = "master.key";
    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    /** The key bytes; a malformed key is an INVALID_ARGUMENT naming the setting or file, not the key. */
    public static byte[] load(VmsConfig config, Path dataDir) {
        String configured = config.string(SETTING, null);
        if (configured != null && !configured.isBlank()) {
            return decode(configured, VmsConfig.envName(SETTING));
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read or create the master key file " + file + ": " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        byte[] text = Base64.getEncoder().encode(key);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(file);
            }
            Files.write(file, text, StandardOpenOption.TRUNCATE_EXISTING);
            log.info("created a new master key in {} (back it up: without it stored camera passwords are lost)", file);
        } catch (FileAlreadyExistsException e) {
            log.debug("master key file {} appeared concurrently; using it", file);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid(SETTING, "the master key in " + source + " is not valid base64");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw VmsException.invalid(SETTING, "the master key in " + source + " must decode to "
                    + SecretBox.KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }
}
