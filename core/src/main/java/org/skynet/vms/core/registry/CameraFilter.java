package org.skynet.vms.core.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.TreeSet;
import org.skynet.vms.core.users.DistrictScope;

/**
 * What a camera list is narrowed to; every part is optional (null). {@code q} is matched, lower-cased,
 * as a substring of the camera's id or name. {@code scope} is the caller's {@link DistrictScope}: part of
 * the query, so keyset paging over a scoped list stays correct.
 */
public record CameraFilter(String district, String tag, Boolean enabled, String q, DistrictScope scope) {
    public static final CameraFilter ALL = new CameraFilter(null, null, null, null);
    /** Longest accepted search text. */
    public static final int MAX_QUERY = 100;

    public CameraFilter {
        scope = scope == null ? DistrictScope.ALL : scope;
        district = blankToNull(district);
        tag = blankToNull(tag) == null ? null : tag.trim().toLowerCase(Locale.ROOT);
        q = blankToNull(q) == null ? null : q.strip().toLowerCase(Locale.ROOT);
    }

    /** A filter over every district. */
    public CameraFilter(String district, String tag, Boolean enabled, String q) {
        this(district, tag, enabled, q, DistrictScope.ALL);
    }

    /** A short digest of the filter, carried in cursors so that a cursor only continues its own list. */
    String digest() {
        String canonical = "d=" + nullable(district) + "\u0000t=" + nullable(tag) + "\u0000e=" + enabled
                + "\u0000q=" + nullable(q) + "\u0000s=" + String.join(",", new TreeSet<>(scope.districts()));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(h, 9));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JRE", e);
        }
    }

    private static String nullable(String s) {
        return s == null ? "\u0001" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
