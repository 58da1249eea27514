package org.skynet.vms.core.exports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes and of files (streamed, 64 KiB at a time). */
final class Sha256 {
    private Sha256() {
    }

    static byte[] of(byte[] data) {
        return digest().digest(data);
    }

    static String hex(byte[] data) {
        return HexFormat.of().formatHex(of(data));
    }

    /** Lower-case hex SHA-256 of a file's content. */
    static String hex(Path file) throws IOException {
        MessageDigest d = digest();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
