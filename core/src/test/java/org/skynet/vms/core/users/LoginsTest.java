package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.audit.AuditEntry;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.audit.AuditQuery;
import org.skynet.vms.core.audit.AuditSearch;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class LoginsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));

    private record Fixture(Logins logins, Sessions sessions, AuditSearch audit) {
    }

    private Fixture fixture(TestDatabase db) {
        UserStore users = new UserStore(db.jdbc(), new PasswordHasher(1_000, new SecureRandom()), clock);
        users.create(NewUser.of("sup", "supervisor-pw", Role.SUPERVISOR));
        Sessions sessions = new Sessions(db.jdbc(), new SessionTokens(new SecureRandom()), Duration.ofHours(1), clock);
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), 100);
        return new Fixture(new Logins(users, sessions, new AuditLog(db.jdbc(), clock), throttle, clock), sessions,
                new AuditSearch(db.jdbc()));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void successfulLoginAndLogoutAreAudited(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession s = f.logins.login("sup", "supervisor-pw", "127.0.0.9");
        assertTrue(f.sessions.resolve(s.token()).isPresent());
        f.logins.logout(s.token(), "127.0.0.9");
        f.logins.logout(s.token(), "127.0.0.9");
        assertTrue(f.sessions.resolve(s.token()).isEmpty());

        List<AuditEntry> entries = f.audit.find(AuditQuery.latest(10)).items();
        assertEquals(List.of("logout", "login"), entries.stream().map(AuditEntry::action).toList(),
                "a second logout of the same token records nothing");
        assertEquals("sup", entries.get(1).actor());
        assertEquals("127.0.0.9", entries.get(1).remoteAddress());
        assertEquals(clock.instant(), entries.get(1).at());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void failedLoginsLookTheSameAndAreAuditedWithTheNameTried(TestDatabase db) {
        Fixture f = fixture(db);
        VmsException wrongPassword = assertThrows(VmsException.class, () -> f.logins.login("sup", "nope", "127.0.0.2"));
        VmsException unknownUser = assertThrows(VmsException.class, () -> f.logins.login("mallory", "nope", "127.0.0.3"));
        assertEquals(ErrorKind.AUTH_FAILED, wrongPassword.kind());
        assertEquals(ErrorKind.AUTH_FAILED, unknownUser.kind());
        assertEquals(wrongPassword.getMessage(), unknownUser.getMessage());
        assertNull(wrongPassword.field());

        List<AuditEntry> failed = f.audit.find(new AuditQuery(null, null, null, "login.failed", null, 10, null)).items();
        assertEquals(List.of("mallory", "sup"), failed.stream().map(AuditEntry::target).toList());
        assertNull(failed.get(0).actor(), "the system records a failed login: nobody is signed in");
        assertEquals("127.0.0.3", failed.get(0).remoteAddress());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void anAddressThatFailsTooOftenIsRefusedEvenWithTheRightPassword(TestDatabase db) {
        Fixture f = fixture(db);
        for (int i = 0; i < 3; i++) {
            assertThrows(VmsException.class, () -> f.logins.login("sup", "guess", "192.0.2.66"));
        }
        LoginThrottledException refused = assertThrows(LoginThrottledException.class,
                () -> f.logins.login("sup", "supervisor-pw", "192.0.2.66"));
        assertEquals(Duration.ofMinutes(5), refused.retryAfter());
        f.logins.login("sup", "supervisor-pw", "192.0.2.67");

        assertEquals(1, f.audit.find(new AuditQuery(null, null, null, "login.throttled", "192.0.2.66", 10, null)).items().size());
        clock.advance(Duration.ofMinutes(5));
        f.logins.login("sup", "supervisor-pw", "192.0.2.66");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void passwordChangeChecksTheOldOneAndEndsOtherSessions(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession current = f.logins.login("sup", "supervisor-pw", null);
        OpenedSession other = f.logins.login("sup", "supervisor-pw", null);
        Principal me = f.sessions.resolve(current.token()).orElseThrow();

        assertEquals("currentPassword", assertThrows(VmsException.class,
                () -> f.logins.changePassword(me, "wrong", "a-long-new-password", null)).field());
        assertEquals("newPassword", assertThrows(VmsException.class,
                () -> f.logins.changePassword(me, "supervisor-pw", "short", null)).field());

        f.logins.changePassword(me, "supervisor-pw", "a-long-new-password", null);
        for (int i = 0; i < 3; i++) {
            assertEquals("currentPassword", assertThrows(VmsException.class,
                    () -> f.logins.changePassword(me, "guess", "a-long-new-password", "192.0.2.99")).field());
        }
        assertThrows(LoginThrottledException.class, () -> f.logins.changePassword(me, "guess", "x-long-new-password", "192.0.2.99"),
                "wrong current passwords count against the address like failed logins");
        assertTrue(f.sessions.resolve(current.token()).isPresent());
        assertTrue(f.sessions.resolve(other.token()).isEmpty());
        assertThrows(VmsException.class, () -> f.logins.login("sup", "supervisor-pw", null));
        f.logins.login("sup", "a-long-new-password", null);
        assertEquals(List.of("user.password.failed", "user.password.failed", "user.password.failed", "user.password",
                        "user.password.failed"),
                f.audit.find(new AuditQuery(null, null, null, "user.password*", null, 10, null)).items().stream()
                        .map(AuditEntry::action).toList());
    }
}
