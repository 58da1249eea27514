package org.skynet.vms.core.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.skynet.vms.errors.VmsException;

/**
 * The opaque continuation token of a camera list: base64url({@code lastId} + '~' + filter digest).
 * '~' cannot occur in an id. A cursor presented with another filter, or not made by us, is an
 * INVALID_ARGUMENT on field {@code cursor}. Cursors do not expire: keyset paging stays correct while
 * cameras are added or removed (a page may then show cameras added after the first page).
 */
final class CameraCursor {
    private static final int MAX_LENGTH = 200;

    private CameraCursor() {
    }

    static String encode(String lastId, CameraFilter filter) {
        String raw = lastId + "~" + filter.digest();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The last id of the previous page. */
    static String decode(String cursor, CameraFilter filter) {
        if (cursor.length() > MAX_LENGTH) {
            throw VmsException.invalid("cursor", "cursor is not one this server issued");
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid("cursor", "cursor is not one this server issued");
        }
        int sep = raw.lastIndexOf('~');
        if (sep <= 0 || !CameraDraft.ID.matcher(raw.substring(0, sep)).matches()) {
            throw VmsException.invalid("cursor", "cursor is not one this server issued");
        }
        if (!raw.substring(sep + 1).equals(filter.digest())) {
            throw VmsException.invalid("cursor", "cursor belongs to a list with other filters:"
                    + " repeat the same district, tag, enabled and q, or start again without a cursor");
        }
        return raw.substring(0, sep);
    }
}
