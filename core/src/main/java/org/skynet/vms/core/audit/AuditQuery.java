package org.skynet.vms.core.audit;

import java.time.Instant;
import org.skynet.vms.errors.VmsException;

/**
 * A filter over the audit log, newest first. Every filter is optional ({@code null} = any).
 *
 * @param from     entries at or after this instant
 * @param to       entries strictly before this instant
 * @param actor    exact username
 * @param action   exact action, or a prefix ending in {@code *} ({@code login*} matches {@code login.failed})
 * @param target   exact target
 * @param limit    page size, 1-{@value #MAX_LIMIT}
 * @param beforeId the cursor: only entries with a smaller id (the {@code nextCursor} of the previous page)
 */
public record AuditQuery(Instant from, Instant to, String actor, String action, String target, int limit, Long beforeId) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw VmsException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw VmsException.invalid("to", "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
    }

    /** The newest entries, unfiltered. */
    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, limit, null);
    }
}
