package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.audit.AuditEntry;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.audit.AuditQuery;
import org.skynet.vms.core.audit.AuditSearch;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.VmsException;

/** The idle limit of sessions, the per-user login throttle and the password policy. */
class SessionSecurityTest {
    private static final Duration IDLE = Duration.ofMinutes(30);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));

    private record Fixture(Logins logins, Sessions sessions, AuditSearch audit) {
    }

    private Fixture fixture(TestDatabase db) {
        UserStore users = new UserStore(db.jdbc(), new PasswordHasher(1_000, new SecureRandom()), clock);
        users.create(NewUser.of("sup", "supervisor-pw", Role.SUPERVISOR));
        Sessions sessions = new Sessions(db.jdbc(), new SessionTokens(new SecureRandom()), Duration.ofHours(12), IDLE, clock);
        return new Fixture(new Logins(users, sessions, new AuditLog(db.jdbc(), clock), new LoginThrottle(100, Duration.ofMinutes(5), 100),
                new LoginThrottle(3, Duration.ofMinutes(5), 100), clock), sessions, new AuditSearch(db.jdbc()));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void sessionEndsAfterTheIdleTimeButNotWhileUsed(TestDatabase db) {
        Fixture f = fixture(db);
        String token = f.logins.login("sup", "supervisor-pw", "127.0.0.1").token();
        for (int i = 0; i < 10; i++) {
            clock.advance(IDLE.minusMinutes(2));
            assertTrue(f.sessions.resolve(token).isPresent(), "used every 28 minutes: still alive after " + (i + 1) * 28 + " min");
        }
        clock.advance(IDLE.plusMinutes(1));
        assertTrue(f.sessions.resolve(token).isEmpty(), "idle for 31 minutes");
        clock.advance(Duration.ofMinutes(-30));
        assertTrue(f.sessions.resolve(token).isEmpty(), "an idle session is deleted, not just refused");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void userIsThrottledWhateverTheAddressAndItIsAudited(TestDatabase db) {
        Fixture f = fixture(db);
        for (int i = 0; i < 3; i++) {
            String address = "192.0.2." + i;
            assertThrows(VmsException.class, () -> f.logins.login("sup", "guess", address));
        }
        LoginThrottledException refused = assertThrows(LoginThrottledException.class,
                () -> f.logins.login("sup", "supervisor-pw", "192.0.2.200"), "even the right password from a new address");
        assertTrue(refused.retryAfter().toSeconds() > 0);
        assertTrue(refused.getMessage().contains("this user"), refused.getMessage());

        List<AuditEntry> throttled = f.audit.find(new AuditQuery(null, null, null, "login.throttled", null, 10, null)).items();
        assertEquals(1, throttled.size());
        assertEquals("sup", throttled.get(0).target());

        clock.advance(Duration.ofMinutes(6));
        f.logins.login("sup", "supervisor-pw", "192.0.2.200");
    }

    @Test
    void passwordPolicyNamesTheField() {
        PasswordPolicy p = new PasswordPolicy();
        for (String bad : new String[] {null, "", "short", "123456789", "Operator-1", "QWERTYUIOP", "password123"}) {
            VmsException e = assertThrows(VmsException.class, () -> p.check("newPassword", "operator-1", bad), String.valueOf(bad));
            assertEquals("newPassword", e.field());
        }
        p.check("password", "operator-1", "correct horse battery");
    }
}
