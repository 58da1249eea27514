package org.skynet.vms.core.audit;

import java.time.Clock;
import java.util.Objects;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;

/**
 * Writes the append-only audit log. There is no update and no delete: rows only ever get inserted.
 * Over-long values are cut to the column sizes rather than rejected, so recording never fails
 * because of what a client sent. Blocking (one insert): call from worker threads, never from an
 * event loop. Thread-safe.
 */
public final class AuditLog {
    /** Longest {@code detail} stored; longer text is cut and ends with an ellipsis. */
    public static final int MAX_DETAIL_CHARS = 4000;
    static final int MAX_ACTOR_CHARS = 64;
    static final int MAX_ACTION_CHARS = 64;
    static final int MAX_TARGET_CHARS = 500;
    static final int MAX_ADDRESS_CHARS = 100;

    private final Jdbc jdbc;
    private final Clock clock;

    public AuditLog(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends one entry stamped with the current time.
     *
     * @param actor         username, or {@code null} for the system itself
     * @param action        dotted verb, required, e.g. {@code camera.update}
     * @param target        what it was done to, or {@code null}
     * @param detail        free text or {@code null}; never put passwords or tokens here
     * @param remoteAddress the client's address, or {@code null}
     * @throws VmsException INTERNAL/UNREACHABLE when the database fails
     */
    public void record(String actor, String action, String target, String detail, String remoteAddress) {
        if (action == null || action.isBlank()) {
            throw VmsException.invalid("action", "an audit entry needs an action");
        }
        jdbc.update("INSERT INTO audit_log (at, actor, action, target, detail, remote_address) VALUES (?, ?, ?, ?, ?, ?)",
                clock.instant(), cut(actor, MAX_ACTOR_CHARS), cut(action, MAX_ACTION_CHARS),
                cut(target, MAX_TARGET_CHARS), cut(detail, MAX_DETAIL_CHARS), cut(remoteAddress, MAX_ADDRESS_CHARS));
    }

    static String cut(String value, int maxChars) {
        if (value == null || value.length() <= maxChars) {
            return value;
        }
        return value.substring(0, maxChars - 1) + "…";
    }
}
