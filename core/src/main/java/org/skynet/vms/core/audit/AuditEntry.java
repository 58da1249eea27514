package org.skynet.vms.core.audit;

import java.time.Instant;

/**
 * One row of the audit log, as stored and as sent on the wire.
 *
 * @param id            increasing with insertion order; the paging cursor
 * @param at            when it happened (UTC)
 * @param actor         username, or {@code null} for the system itself
 * @param action        dotted verb, e.g. {@code login}, {@code login.failed}, {@code camera.create}
 * @param target        what it was done to (a username, a camera id), or {@code null}
 * @param detail        free text, at most {@value AuditLog#MAX_DETAIL_CHARS} characters, never a secret
 * @param remoteAddress the client's address, or {@code null} when not from a request
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail,
        String remoteAddress) {
}
