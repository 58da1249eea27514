package org.skynet.vms.core.ha;

import java.time.Duration;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.errors.VmsException;

/**
 * Settings of the core standby (config keys in brackets).
 *
 * @param enabled        whether {@code serve} competes for the leader lock at all ({@code ha.enabled}, false)
 * @param retry          how often a standby tries to take the lock ({@code ha.retry-millis}, 2000)
 * @param check          how often the active confirms it still holds the lock ({@code ha.check-millis}, 2000)
 * @param stepDown       the active steps down when no check has succeeded for this long
 *                       ({@code ha.step-down-millis}, 5000); also the socket read timeout of the lock connection
 * @param exitGrace      how long a stepping-down process may take to close before it halts
 *                       ({@code ha.exit-grace-millis}, 2000)
 * @param sessionTimeout PostgreSQL ends the lock session (and so releases the lock) after this much silence
 *                       from the holder: {@code idle_session_timeout} and {@code tcp_user_timeout} of that
 *                       session ({@code ha.session-timeout-millis}, 10000)
 */
public record HaSettings(boolean enabled, Duration retry, Duration check, Duration stepDown, Duration exitGrace,
                         Duration sessionTimeout) {
    /** Margin kept between a partitioned active's last moment and PostgreSQL releasing its lock. */
    static final Duration MARGIN = Duration.ofSeconds(1);

    /**
     * Reads and checks the settings. With {@code ha.enabled} the database must be PostgreSQL, and a
     * partitioned active must be gone ({@code step-down + exit-grace + 1 s}) before PostgreSQL can end its
     * session ({@code session-timeout}); otherwise an INVALID_ARGUMENT names the setting.
     */
    public static HaSettings from(VmsConfig config, DbSettings db) {
        HaSettings s = new HaSettings(config.bool("ha.enabled", false),
                millis(config, "ha.retry-millis", 2000), millis(config, "ha.check-millis", 2000),
                millis(config, "ha.step-down-millis", 5000), millis(config, "ha.exit-grace-millis", 2000),
                millis(config, "ha.session-timeout-millis", 10_000));
        if (!s.enabled) {
            return s;
        }
        if (db.isEmbedded() || !db.url().startsWith("jdbc:postgresql:")) {
            throw VmsException.invalid("ha.enabled", "ha.enabled needs PostgreSQL (db.url=jdbc:postgresql://...):"
                    + " the leader lock is a PostgreSQL advisory lock, and the embedded H2 database cannot be shared"
                    + " by two processes");
        }
        if (s.check.compareTo(s.stepDown) >= 0) {
            throw VmsException.invalid("ha.check-millis", "ha.check-millis (" + s.check.toMillis()
                    + ") must be shorter than ha.step-down-millis (" + s.stepDown.toMillis() + ")");
        }
        Duration gone = s.stepDown.plus(s.exitGrace).plus(MARGIN);
        if (gone.compareTo(s.sessionTimeout) > 0) {
            throw VmsException.invalid("ha.session-timeout-millis", "ha.session-timeout-millis (" + s.sessionTimeout.toMillis()
                    + ") must be at least ha.step-down-millis + ha.exit-grace-millis + " + MARGIN.toMillis() + " ("
                    + gone.toMillis() + "): a cut-off active must have stopped before PostgreSQL releases its lock");
        }
        return s;
    }

    private static Duration millis(VmsConfig config, String key, int defaultValue) {
        int v = config.integer(key, defaultValue);
        if (v < 100) {
            throw VmsException.invalid(key, "setting " + key + " must be at least 100 ms, got " + v);
        }
        return Duration.ofMillis(v);
    }
}
