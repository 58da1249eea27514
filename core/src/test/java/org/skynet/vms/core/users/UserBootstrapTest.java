package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
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

class UserBootstrapTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));

    private UserStore users(TestDatabase db) {
        return new UserStore(db.jdbc(), new PasswordHasher(1_000, new SecureRandom()), clock);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void firstAdminIsCreatedOnceWithARandomPassword(TestDatabase db) {
        UserStore users = users(db);
        UserBootstrap bootstrap = new UserBootstrap(users, new AuditLog(db.jdbc(), clock), new SecureRandom());

        List<InitialLogin> first = bootstrap.firstAdmin();
        assertEquals(1, first.size());
        InitialLogin admin = first.get(0);
        assertEquals("admin", admin.username());
        assertTrue(admin.generated());
        assertTrue(admin.password().length() >= 20, admin.password());
        assertTrue(users.verify("admin", admin.password()).orElseThrow().roles().contains(Role.ADMIN));

        assertEquals(List.of(), bootstrap.firstAdmin(), "shown once: a second start creates and shows nothing");
        List<AuditEntry> audit = new AuditSearch(db.jdbc()).find(AuditQuery.latest(10)).items();
        assertEquals(1, audit.size());
        assertEquals("user.create", audit.get(0).action());
        assertEquals("admin", audit.get(0).target());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void demoUsersAreCreatedIfAbsentAndAlwaysListed(TestDatabase db) {
        UserStore users = users(db);
        users.create(NewUser.of("operator", "a-changed-password", Role.OPERATOR));
        UserBootstrap bootstrap = new UserBootstrap(users, new AuditLog(db.jdbc(), clock), new SecureRandom());

        List<InitialLogin> logins = bootstrap.demoUsers();
        assertEquals(List.of("admin", "operator", "technician", "supervisor"),
                logins.stream().map(InitialLogin::username).toList());
        assertEquals(4, users.count());
        assertTrue(users.verify("technician", "technician").orElseThrow().roles().contains(Role.TECHNICIAN));
        assertTrue(users.verify("operator", "a-changed-password").isPresent(), "an existing user is left alone");
        bootstrap.demoUsers();
        assertEquals(4, users.count());
    }
}
