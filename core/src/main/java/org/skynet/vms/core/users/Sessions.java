package org.skynet.vms.core.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code sessions} table: opening a session for a signed-in user, resolving a token to its
 * principal, and closing it. A session expires a fixed time after it was opened (not sliding), and
 * earlier when it was not used for the idle time; {@code last_seen} is refreshed at most once a
 * {@link #LAST_SEEN_PRECISION} to keep writes low, so the idle limit holds to within that precision.
 * Blocking: call from worker threads. Thread-safe.
 */
public final class Sessions {
    /** How stale {@code last_seen} may get before a request refreshes it. */
    static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);
    private static final int MAX_ADDRESS_CHARS = 100;

    private final Jdbc jdbc;
    private final SessionTokens tokens;
    private final Duration ttl;
    private final Duration idle;
    private final Clock clock;

    /** Sessions without an idle limit (they live {@code ttl} after login, used or not). */
    public Sessions(Jdbc jdbc, SessionTokens tokens, Duration ttl, Clock clock) {
        this(jdbc, tokens, ttl, ttl, clock);
    }

    /**
     * @param ttl  how long a session lives after login (config {@code session.ttl-minutes}, default 12 h)
     * @param idle a session unused this long ends (config {@code session.idle-minutes}, default 30 min)
     */
    public Sessions(Jdbc jdbc, SessionTokens tokens, Duration ttl, Duration idle, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw VmsException.invalid("session.ttl-minutes", "the session lifetime must be positive, got " + ttl.toMinutes() + " minutes");
        }
        if (idle.compareTo(LAST_SEEN_PRECISION) < 0) {
            throw VmsException.invalid("session.idle-minutes", "the idle limit must be at least 1 minute, got " + idle.toMinutes());
        }
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.ttl = ttl;
        this.idle = idle;
        this.clock = clock;
    }

    /** Opens a session for a user whose password was just checked; also drops expired sessions. */
    public OpenedSession open(User user, String remoteAddress) {
        Instant now = clock.instant();
        String token = tokens.newToken();
        Instant expiresAt = now.plus(ttl);
        jdbc.update("DELETE FROM sessions WHERE expires_at <= ?", now);
        jdbc.update("INSERT INTO sessions (token_hash, username, created_at, last_seen, expires_at, remote_address)"
                + " VALUES (?, ?, ?, ?, ?, ?)", SessionTokens.hash(token), user.username(), now, now, expiresAt,
                remoteAddress == null || remoteAddress.length() <= MAX_ADDRESS_CHARS
                        ? remoteAddress : remoteAddress.substring(0, MAX_ADDRESS_CHARS));
        return new OpenedSession(token, user, expiresAt);
    }

    /**
     * The principal of a token: empty when the token is malformed, unknown, expired, idle too long, or
     * its user is disabled. The principal's session id is the token's hash. An idle session is deleted.
     */
    public Optional<Principal> resolve(String token) {
        if (!SessionTokens.wellFormed(token)) {
            return Optional.empty();
        }
        String id = SessionTokens.hash(token);
        Instant now = clock.instant();
        Optional<Resolved> found = jdbc.queryOne(
                "SELECT u.username, u.roles, u.districts, u.enabled, s.last_seen, s.expires_at"
                        + " FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = ?",
                rs -> new Resolved(rs.getString("username"), UserStore.decodeRoles(rs.getString("roles")),
                        UserStore.decodeDistricts(rs.getString("districts")), rs.getBoolean("enabled"),
                        Jdbc.instant(rs, "last_seen"), Jdbc.instant(rs, "expires_at")),
                id);
        if (found.isEmpty() || !found.get().enabled || !now.isBefore(found.get().expiresAt)) {
            return Optional.empty();
        }
        if (Duration.between(found.get().lastSeen, now).compareTo(idle) >= 0) {
            jdbc.update("DELETE FROM sessions WHERE token_hash = ?", id);
            return Optional.empty();
        }
        if (Duration.between(found.get().lastSeen, now).compareTo(LAST_SEEN_PRECISION) >= 0) {
            jdbc.update("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", now, id);
        }
        Resolved r = found.get();
        return Optional.of(new Principal(r.username, r.roles, r.districts, id));
    }

    /** Ends the session of a token; the username it belonged to, or empty if there was none. */
    public Optional<String> close(String token) {
        if (!SessionTokens.wellFormed(token)) {
            return Optional.empty();
        }
        String id = SessionTokens.hash(token);
        return jdbc.inTransaction(c -> {
            Optional<String> owner = Jdbc.query(c, "SELECT username FROM sessions WHERE token_hash = ?",
                    rs -> rs.getString(1), id).stream().findFirst();
            Jdbc.update(c, "DELETE FROM sessions WHERE token_hash = ?", id);
            return owner;
        });
    }

    /** Ends every session of a user but the one with the given id (after a password change); how many it ended. */
    public int closeOthers(String username, String keepSessionId) {
        return jdbc.update("DELETE FROM sessions WHERE username = ? AND token_hash <> ?", username, keepSessionId);
    }

    /** Ends every session of a user (disabled, or password reset by an admin); how many it ended. */
    public int closeAll(String username) {
        return jdbc.update("DELETE FROM sessions WHERE username = ?", username);
    }

    private record Resolved(String username, Set<Role> roles, Set<String> districts,
            boolean enabled, Instant lastSeen, Instant expiresAt) {
    }
}
