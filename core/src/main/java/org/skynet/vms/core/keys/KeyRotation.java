package org.skynet.vms.core.keys;

import java.nio.file.Files;
import java.security.SecureRandom;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Rotates the master key. With the key in {@code <data>/master.key} ({@link #rotateFile}) the steps are:
 * <ol>
 *   <li>finish or discard an interrupted rotation ({@link #recover});</li>
 *   <li>copy the current key to {@code master.key.old} (temporary file, fsync, rename);</li>
 *   <li>write the new key to {@code master.key.new} (the same way);</li>
 *   <li>re-seal every camera password in one transaction and commit;</li>
 *   <li>rename {@code master.key.new} over {@code master.key} (atomic, directory fsynced).</li>
 * </ol>
 * A crash before step 4 commits leaves {@code master.key} matching the database (a stale
 * {@code master.key.new} is discarded by the next run); a crash between 4 and 5 leaves the database under
 * the key in {@code master.key.new}, which the next {@code vms keys rotate} detects (it opens the stored
 * passwords) and moves into place before rotating again. {@code master.key} is never missing. With the key
 * in {@code VMS_MASTER_KEY} ({@link #rotate}) only step 4 runs; the operator sets the new key.
 */
public final class KeyRotation {
    private final CredentialReseal reseal;

    public KeyRotation(Jdbc jdbc) {
        this.reseal = new CredentialReseal(jdbc);
    }

    /** A fresh random 32-byte key. */
    public static byte[] generate() {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Re-seals every stored camera password from {@code oldKey} to {@code newKey}; returns the count. */
    public int rotate(byte[] oldKey, byte[] newKey) {
        return reseal.reseal(new SecretBox(oldKey), new SecretBox(newKey));
    }

    /** Rotates the key kept in {@code files} to {@code newKey} (steps in the class comment); returns the count. */
    public int rotateFile(KeyFiles files, byte[] newKey) {
        recover(files);
        if (!Files.isRegularFile(files.current())) {
            throw new VmsException(ErrorKind.NOT_FOUND, "no master key at " + files.current()
                    + " (and VMS_MASTER_KEY is not set): nothing to rotate");
        }
        byte[] oldKey = KeyFiles.read(files.current());
        files.write(files.previous(), oldKey);
        files.write(files.pending(), newKey);
        int count;
        try {
            count = rotate(oldKey, newKey);
        } catch (RuntimeException e) {
            files.delete(files.pending());
            throw e;
        }
        files.move(files.pending(), files.current());
        return count;
    }

    /**
     * Completes a rotation that stopped after its commit (the stored passwords open with
     * {@code master.key.new}: it becomes {@code master.key}) or discards one that stopped before it.
     * Returns true when a pending key was moved into place.
     */
    public boolean recover(KeyFiles files) {
        if (!Files.isRegularFile(files.pending())) {
            return false;
        }
        byte[] pending = KeyFiles.read(files.pending());
        boolean committed = Files.isRegularFile(files.current())
                ? !reseal.opensWith(new SecretBox(KeyFiles.read(files.current()))) && reseal.opensWith(new SecretBox(pending))
                : reseal.opensWith(new SecretBox(pending));
        if (committed) {
            files.move(files.pending(), files.current());
        } else {
            files.delete(files.pending());
        }
        return committed;
    }
}
