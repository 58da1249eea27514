package org.skynet.vms.recorder.retention;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.errors.VmsException;

/**
 * How much of a storage root's file system must stay free: a share of its size ({@code 10%}) or a
 * number of bytes ({@code 50GiB}, {@code 200MB}, {@code 1000000}). Immutable.
 *
 * @param percent share of the file system to keep free, 0 to 100, or -1 when {@code bytes} applies
 * @param bytes   bytes to keep free, or -1 when {@code percent} applies
 */
public record StorageQuota(double percent, long bytes) {
    /** The default: keep 10% of the file system free. */
    public static final StorageQuota DEFAULT = new StorageQuota(10, -1);
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(%|b|kb|mb|gb|tb|kib|mib|gib|tib)?");

    public StorageQuota {
        if ((percent < 0) == (bytes < 0) || percent > 100) {
            throw new IllegalArgumentException("exactly one of percent (0..100) and bytes (>= 0) must be set");
        }
    }

    /**
     * Parses {@code 10%}, {@code 50GiB}, {@code 500MB} or a plain byte count.
     *
     * @param field names the setting in the error
     * @throws VmsException INVALID_ARGUMENT naming {@code field}
     */
    public static StorageQuota parse(String field, String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw VmsException.invalid(field, field + " must be a percentage like 10% or a size like 50GiB, got '"
                    + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        if (unit.equals("%")) {
            if (n > 100) {
                throw VmsException.invalid(field, field + " must be at most 100%, got '" + text + "'");
            }
            return new StorageQuota(n, -1);
        }
        return new StorageQuota(-1, (long) (n * multiplier(unit)));
    }

    /** Bytes that must stay free on a file system of {@code totalBytes}. */
    public long requiredFreeBytes(long totalBytes) {
        return bytes >= 0 ? bytes : (long) Math.ceil(totalBytes * percent / 100.0);
    }

    @Override
    public String toString() {
        return bytes >= 0 ? bytes + " bytes" : percent + "%";
    }

    private static double multiplier(String unit) {
        return switch (unit) {
            case "kb" -> 1e3;
            case "mb" -> 1e6;
            case "gb" -> 1e9;
            case "tb" -> 1e12;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> 1;
        };
    }
}
