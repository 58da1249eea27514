package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.rtsp.server.DigestAuth;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class UserStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private static UserStore store(TestDatabase db, int iterations) {
        return new UserStore(db.jdbc(), new PasswordHasher(iterations, new SecureRandom()), new ManualClock(T0));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void createdUserRoundTripsWithRolesAndDistricts(TestDatabase db) {
        UserStore users = store(db, 1_000);
        users.create(new NewUser("ana.k", "pw-ana-123", EnumSet.of(Role.SUPERVISOR, Role.OPERATOR), Set.of("north", "east")));

        User found = users.find("ana.k").orElseThrow();
        assertEquals(EnumSet.of(Role.OPERATOR, Role.SUPERVISOR), found.roles());
        assertEquals(Set.of("north", "east"), found.districts());
        assertTrue(found.enabled());
        assertEquals(T0, found.createdAt());
        assertEquals(1, users.count());
        assertEquals(List.of("ana.k"), users.list().stream().map(User::username).toList());
        assertTrue(users.find("ANA.K").isEmpty(), "usernames are case-sensitive");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void passwordIsStoredOnlyAsHash(TestDatabase db) {
        store(db, 1_000).create(NewUser.of("bob", "plain-text-pw", Role.OPERATOR));
        String stored = db.jdbc().queryOne("SELECT password_hash FROM users WHERE username = 'bob'", rs -> rs.getString(1))
                .orElseThrow();
        assertTrue(stored.startsWith("pbkdf2-sha256$1000$"), stored);
        assertFalse(stored.contains("plain-text-pw"));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void rtspDigestSecretFollowsThePasswordAndIsFilledInAtLoginForOlderUsers(TestDatabase db) {
        UserStore users = store(db, 1_000);
        users.create(NewUser.of("dora", "first-password", Role.OPERATOR));
        assertEquals(Optional.of(DigestAuth.ha1("dora", UserStore.RTSP_REALM, "first-password")), users.rtspHa1("dora"));
        users.changePassword("dora", "second-password");
        assertEquals(Optional.of(DigestAuth.ha1("dora", UserStore.RTSP_REALM, "second-password")), users.rtspHa1("dora"));
        users.setEnabled("dora", false);
        assertTrue(users.rtspHa1("dora").isEmpty(), "disabled users cannot use RTSP");
        users.setEnabled("dora", true);

        db.jdbc().update("UPDATE users SET rtsp_ha1 = NULL WHERE username = 'dora'"); // as created before V12
        assertTrue(users.rtspHa1("dora").isEmpty());
        users.verify("dora", "wrong-password");
        assertTrue(users.rtspHa1("dora").isEmpty(), "a failed login sets nothing");
        users.verify("dora", "second-password");
        assertEquals(Optional.of(DigestAuth.ha1("dora", UserStore.RTSP_REALM, "second-password")), users.rtspHa1("dora"));
        assertTrue(users.rtspHa1("nobody").isEmpty());
        assertTrue(users.rtspHa1("bad name").isEmpty());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void verifyAcceptsOnlyRightPasswordOfEnabledUser(TestDatabase db) {
        UserStore users = store(db, 1_000);
        users.create(NewUser.of("carol", "right-password", Role.TECHNICIAN));

        assertEquals("carol", users.verify("carol", "right-password").orElseThrow().username());
        assertTrue(users.verify("carol", "wrong-password").isEmpty());
        assertTrue(users.verify("nobody", "right-password").isEmpty());
        assertTrue(users.verify("bad name with spaces", "x").isEmpty());
        assertTrue(users.verify(null, "x").isEmpty());

        users.setEnabled("carol", false);
        assertTrue(users.verify("carol", "right-password").isEmpty(), "disabled users cannot log in");
        users.setEnabled("carol", true);
        assertTrue(users.verify("carol", "right-password").isPresent());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void duplicateUsernameIsConflict(TestDatabase db) {
        UserStore users = store(db, 1_000);
        users.create(NewUser.of("dave", "pw-1", Role.OPERATOR));
        VmsException e = assertThrows(VmsException.class, () -> users.create(NewUser.of("dave", "pw-2", Role.ADMIN)));
        assertEquals(ErrorKind.CONFLICT, e.kind());
        assertEquals("user 'dave' already exists", e.getMessage());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void invalidInputNamesTheField(TestDatabase db) {
        UserStore users = store(db, 1_000);
        assertEquals("username", assertThrows(VmsException.class,
                () -> users.create(NewUser.of("has space", "pw", Role.OPERATOR))).field());
        assertEquals("username", assertThrows(VmsException.class,
                () -> users.create(NewUser.of("x".repeat(65), "pw", Role.OPERATOR))).field());
        assertEquals("roles", assertThrows(VmsException.class,
                () -> users.create(new NewUser("eve", "pw", Set.of(), Set.of()))).field());
        assertEquals("districts", assertThrows(VmsException.class,
                () -> users.create(new NewUser("eve", "pw", Set.of(Role.OPERATOR), Set.of("a,b")))).field());
        assertEquals("password", assertThrows(VmsException.class,
                () -> users.create(NewUser.of("eve", "", Role.OPERATOR))).field());
        assertEquals(0, users.count());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void changePasswordAndWeakHashUpgrade(TestDatabase db) {
        store(db, 1_000).create(NewUser.of("fay", "old-password", Role.ADMIN));
        UserStore stronger = store(db, 2_000);

        assertTrue(stronger.verify("fay", "old-password").isPresent());
        String upgraded = db.jdbc().queryOne("SELECT password_hash FROM users WHERE username = 'fay'", rs -> rs.getString(1))
                .orElseThrow();
        assertTrue(upgraded.startsWith("pbkdf2-sha256$2000$"), "rehashed on login: " + upgraded);

        stronger.changePassword("fay", "new-password");
        assertTrue(stronger.verify("fay", "old-password").isEmpty());
        assertTrue(stronger.verify("fay", "new-password").isPresent());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> stronger.changePassword("ghost", "whatever")).kind());
    }
}
