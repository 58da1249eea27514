package org.skynet.vms.core.users;

import java.util.Locale;
import org.skynet.vms.errors.VmsException;

/** What a user may do. A user holds one or more roles; every route declares the roles it allows. */
public enum Role {
    OPERATOR,
    TECHNICIAN,
    SUPERVISOR,
    ADMIN;

    /** The lower-case name used on the wire and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, String text) {
        try {
            return Role.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw VmsException.invalid(field, "unknown role '" + text + "': expected operator, technician, supervisor or admin");
        }
    }
}
