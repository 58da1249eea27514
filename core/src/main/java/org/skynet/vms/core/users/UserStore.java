package org.skynet.vms.core.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.skynet.vms.adapters.rtsp.server.DigestAuth;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code users} table: creating accounts, finding them and checking passwords. Roles and districts
 * are stored as comma-separated text (roles by their wire names). Blocking and CPU-heavy where a
 * password is hashed: call from worker threads. Thread-safe.
 */
public final class UserStore {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MAX_DISTRICT_CHARS = 100;
    private static final String COLUMNS = "username, password_hash, rtsp_ha1, roles, districts, enabled, created_at";
    /** Digest realm of the RTSP re-stream; the stored HA1 values are bound to it. */
    public static final String RTSP_REALM = "Skynet VMS";

    private final Jdbc jdbc;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserStore(Jdbc jdbc, PasswordHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates a user.
     *
     * @throws VmsException INVALID_ARGUMENT naming the bad field, CONFLICT if the username is taken
     */
    public User create(NewUser user) {
        String username = checkUsername(user.username());
        if (user.roles().isEmpty()) {
            throw VmsException.invalid("roles", "a user needs at least one role");
        }
        Set<String> districts = checkDistricts(user.districts());
        String hash = hasher.hash(user.password());
        Instant now = clock.instant();
        try {
            jdbc.update("INSERT INTO users (username, password_hash, rtsp_ha1, roles, districts, enabled, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    username, hash, rtspHa1(username, user.password()), encodeRoles(user.roles()), String.join(",", districts), true, now, now);
        } catch (VmsException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                throw new VmsException(ErrorKind.CONFLICT, "user '" + username + "' already exists", "username", e);
            }
            throw e;
        }
        return new User(username, user.roles(), districts, true, now);
    }

    public Optional<User> find(String username) {
        return findRow(username).map(Row::user);
    }

    /** Every user, by username. */
    public List<User> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM users ORDER BY username", UserStore::row)
                .stream().map(Row::user).toList();
    }

    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM users", rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * Checks a login. Empty when the user is unknown, the password is wrong or the user is disabled;
     * all three take the same hashing work, so the answer's timing does not tell which. A hash made
     * with fewer iterations than today's is replaced on a successful login.
     */
    public Optional<User> verify(String username, String password) {
        Optional<Row> row = username == null || !USERNAME.matcher(username).matches()
                ? Optional.empty() : findRow(username);
        if (row.isEmpty()) {
            hasher.burn();
            return Optional.empty();
        }
        if (!hasher.verify(password, row.get().passwordHash) || !row.get().user.enabled()) {
            return Optional.empty();
        }
        String ha1 = rtspHa1(username, password);
        if (!ha1.equals(row.get().rtspHa1)) {
            // users created before V12 get their RTSP Digest secret at their next login
            jdbc.update("UPDATE users SET rtsp_ha1 = ? WHERE username = ?", ha1, username);
        }
        if (hasher.needsRehash(row.get().passwordHash)) {
            jdbc.update("UPDATE users SET password_hash = ? WHERE username = ? AND password_hash = ?",
                    hasher.hash(password), username, row.get().passwordHash);
        }
        return Optional.of(row.get().user);
    }

    /** @throws VmsException NOT_FOUND for an unknown user, INVALID_ARGUMENT for an unusable password */
    public void changePassword(String username, String newPassword) {
        String hash = hasher.hash(newPassword);
        requireUpdated(username, jdbc.update(
                "UPDATE users SET password_hash = ?, rtsp_ha1 = ?, updated_at = ? WHERE username = ?",
                hash, rtspHa1(username, newPassword), clock.instant(), username));
    }

    /**
     * The RTSP Digest secret {@code MD5(username:realm:password)} of an enabled user, empty for an unknown
     * or disabled user and for one who has not logged in since V12 (see docs/design/rtsp-restream.md).
     */
    public Optional<String> rtspHa1(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            return Optional.empty();
        }
        return findRow(username).filter(r -> r.user.enabled()).map(Row::rtspHa1);
    }

    /** Enables or disables a user; a disabled user's sessions stop authenticating at once. */
    public void setEnabled(String username, boolean enabled) {
        requireUpdated(username, jdbc.update("UPDATE users SET enabled = ?, updated_at = ? WHERE username = ?",
                enabled, clock.instant(), username));
    }

    /**
     * Replaces a user's roles and districts; takes effect on their next request (sessions read them
     * from this table).
     *
     * @throws VmsException NOT_FOUND for an unknown user, INVALID_ARGUMENT naming {@code roles} or {@code districts}
     */
    public void setAccess(String username, Set<Role> roles, Set<String> districts) {
        if (roles.isEmpty()) {
            throw VmsException.invalid("roles", "a user needs at least one role");
        }
        Set<String> checked = checkDistricts(districts);
        requireUpdated(username, jdbc.update("UPDATE users SET roles = ?, districts = ?, updated_at = ? WHERE username = ?",
                encodeRoles(roles), String.join(",", checked), clock.instant(), username));
    }

    static String encodeRoles(Set<Role> roles) {
        return EnumSet.copyOf(roles).stream().map(Role::wireName).collect(Collectors.joining(","));
    }

    static Set<Role> decodeRoles(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : text.split(",")) {
            if (!r.isBlank()) {
                roles.add(Role.parse("roles", r));
            }
        }
        return roles;
    }

    static Set<String> decodeDistricts(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw VmsException.invalid("username",
                    "username must be 1-64 characters of letters, digits and . _ @ -, starting with a letter or digit");
        }
        return username;
    }

    private static Set<String> checkDistricts(Set<String> districts) {
        Set<String> out = new TreeSet<>();
        for (String d : districts) {
            String t = d == null ? "" : d.trim();
            if (t.isEmpty() || t.length() > MAX_DISTRICT_CHARS || t.contains(",")) {
                throw VmsException.invalid("districts",
                        "each district must be 1-" + MAX_DISTRICT_CHARS + " characters without commas, got '" + d + "'");
            }
            out.add(t);
        }
        return out;
    }

    private static void requireUpdated(String username, int rows) {
        if (rows == 0) {
            throw VmsException.notFound("no such user: " + username);
        }
    }

    private Optional<Row> findRow(String username) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM users WHERE username = ?", UserStore::row, username);
    }

    private static Row row(ResultSet rs) throws SQLException {
        User user = new User(rs.getString("username"), decodeRoles(rs.getString("roles")),
                decodeDistricts(rs.getString("districts")), rs.getBoolean("enabled"), Jdbc.instant(rs, "created_at"));
        return new Row(user, rs.getString("password_hash"), rs.getString("rtsp_ha1"));
    }

    private static String rtspHa1(String username, String password) {
        return DigestAuth.ha1(username, RTSP_REALM, password);
    }

    /** A user with the stored secrets, which never leave this class but for {@link #rtspHa1(String)}. */
    private record Row(User user, String passwordHash, String rtspHa1) {
    }
}
