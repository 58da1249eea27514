package org.skynet.vms.core.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Set;
import org.skynet.vms.core.secrets.MasterKey;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The key files of one data directory: {@code master.key} (what the server loads), {@code master.key.new}
 * (a rotation in progress) and {@code master.key.old} (the key before the last rotation). Every write goes
 * to a temporary file (mode 0600) that is fsynced and then renamed over the target, and the directory is
 * fsynced after the rename, so a key file is always either the old or the new content, never partial.
 */
public final class KeyFiles {
    private final Path dir;

    public KeyFiles(Path dataDir) {
        this.dir = dataDir;
    }

    public Path current() {
        return dir.resolve(MasterKey.FILE_NAME);
    }

    public Path pending() {
        return dir.resolve(MasterKey.FILE_NAME + ".new");
    }

    public Path previous() {
        return dir.resolve(MasterKey.FILE_NAME + ".old");
    }

    /** Reads a key file (base64 of 32 bytes); a malformed file is INVALID_ARGUMENT naming the file only. */
    public static byte[] read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw VmsException.invalid("key-file", "cannot read " + file + ": " + e.getMessage());
        }
        return decode(text, file.toString());
    }

    /** Decodes base64 of a 32-byte key; {@code source} names where it came from (never the key). */
    public static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid("key-file", "the key in " + source + " is not valid base64");
        }
        if (key.length != SecretBox.KEY_BYTES) {
            throw VmsException.invalid("key-file", "the key in " + source + " must decode to "
                    + SecretBox.KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }

    /** Writes {@code key} to {@code target}: temporary file, fsync, rename, directory fsync. */
    public void write(Path target, byte[] key) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        byte[] text = Base64.getEncoder().encode(key);
        try {
            Files.deleteIfExists(temp);
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), ownerOnly())) {
                ByteBuffer buf = ByteBuffer.wrap(text);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(temp, target);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Renames {@code from} over {@code to} atomically and fsyncs the directory. */
    public void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file if present (and fsyncs the directory). */
    public void delete(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a directory for fsync (Windows); the rename itself is still atomic.
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }
}
