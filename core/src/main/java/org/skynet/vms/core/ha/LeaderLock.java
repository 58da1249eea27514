package org.skynet.vms.core.ha;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.skynet.vms.core.db.DbSettings;

/**
 * The leader lock: a session-level PostgreSQL advisory lock on a connection of its own, outside the
 * Hikari pool, so that the lock lives exactly as long as this one session. The key is a fixed class
 * ({@link #LOCK_CLASS}) plus a hash of the schema, so installations in different schemas of one database
 * do not share a leader.
 *
 * <p>The session is set up so that PostgreSQL ends it, releasing the lock, after
 * {@link HaSettings#sessionTimeout()} without a word from this process ({@code idle_session_timeout}, and
 * {@code tcp_user_timeout} for unacknowledged data); reads time out after {@link HaSettings#stepDown()}.
 * Not thread-safe: one thread at a time (the standby loop, then the {@link LeaderWatch}).
 */
public final class LeaderLock implements AutoCloseable {
    /** First half of the advisory lock key: "VMSC" in ASCII. */
    public static final int LOCK_CLASS = 0x564D5343;
    /** {@code application_name} of the lock session, so an operator can find it in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "vms-core-leader";

    private final Connection connection;
    private final int backendPid;

    private LeaderLock(Connection connection, int backendPid) {
        this.connection = connection;
        this.backendPid = backendPid;
    }

    /** Opens the lock session (without taking the lock); a failure names the step that failed. */
    public static LeaderLock connect(DbSettings db, HaSettings ha) throws SQLException {
        Properties p = new Properties();
        if (db.user() != null) {
            p.setProperty("user", db.user());
        }
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        p.setProperty("ApplicationName", APPLICATION_NAME);
        p.setProperty("connectTimeout", Long.toString(Math.max(1, ha.stepDown().toSeconds())));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, ha.stepDown().toSeconds())));
        p.setProperty("tcpKeepAlive", "true");
        Connection c = DriverManager.getConnection(db.url(), p);
        try {
            if (db.schema() != null) {
                c.setSchema(db.schema());
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET idle_session_timeout = " + ha.sessionTimeout().toMillis());
                s.execute("SET tcp_user_timeout = " + ha.sessionTimeout().toMillis());
            }
            int pid;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            return new LeaderLock(c, pid);
        } catch (SQLException e) {
            c.close();
            throw new SQLException("setting up the leader lock session failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** Tries once to take the lock, without waiting; true if this session holds it now. */
    public boolean tryAcquire() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_try_advisory_lock(?, hashtext(current_schema()))")) {
            ps.setInt(1, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Whether this session still holds the lock, asked of the server; throws when the session is gone
     * (terminated, network cut, read timeout). This session takes no other advisory lock.
     */
    public boolean stillHeld() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND classid = ? AND granted)")) {
            ps.setInt(1, LOCK_CLASS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The server process of the lock session ({@code pg_stat_activity.pid}). */
    public int backendPid() {
        return backendPid;
    }

    /**
     * Releases the lock and ends the session. The unlock is asked for before closing because the server drops a
     * closed session's locks only when its backend has ended, a moment after the client's close returns; a
     * session that is already gone has nothing to release, so that failure is ignored.
     */
    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            ps.execute();
        } catch (SQLException gone) {
            // the session ended already: the server released its locks with it
        } finally {
            connection.close();
        }
    }
}
