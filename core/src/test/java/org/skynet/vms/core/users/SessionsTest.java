package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;

class SessionsTest {
    private static final Duration TTL = Duration.ofHours(12);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));

    private record Fixture(UserStore users, Sessions sessions, Jdbc jdbc, User user) {
    }

    private Fixture fixture(TestDatabase db) {
        UserStore users = new UserStore(db.jdbc(), new PasswordHasher(1_000, new SecureRandom()), clock);
        User user = users.create(new NewUser("op1", "pw-op1", EnumSet.of(Role.OPERATOR), Set.of("north")));
        return new Fixture(users, new Sessions(db.jdbc(), new SessionTokens(new SecureRandom()), TTL, clock), db.jdbc(), user);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void openedTokenResolvesToPrincipalAndOnlyItsHashIsStored(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession opened = f.sessions.open(f.user, "127.0.0.1");

        assertTrue(SessionTokens.wellFormed(opened.token()), opened.token());
        assertEquals(clock.instant().plus(TTL), opened.expiresAt());
        Principal p = f.sessions.resolve(opened.token()).orElseThrow();
        assertEquals("op1", p.username());
        assertEquals(Set.of(Role.OPERATOR), p.roles());
        assertEquals(Set.of("north"), p.districts());
        assertEquals(SessionTokens.hash(opened.token()), p.sessionId());

        String stored = f.jdbc.queryOne("SELECT token_hash FROM sessions", rs -> rs.getString(1)).orElseThrow();
        assertEquals(SessionTokens.hash(opened.token()), stored);
        assertNotEquals(opened.token(), stored);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void unknownMalformedAndExpiredTokensResolveToNothing(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession opened = f.sessions.open(f.user, "127.0.0.1");

        assertTrue(f.sessions.resolve(new SessionTokens(new SecureRandom()).newToken()).isEmpty());
        assertTrue(f.sessions.resolve("short").isEmpty());
        assertTrue(f.sessions.resolve(null).isEmpty());
        assertTrue(f.sessions.resolve(opened.token() + "'; --").isEmpty());

        clock.advance(TTL.minusSeconds(1));
        assertTrue(f.sessions.resolve(opened.token()).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(f.sessions.resolve(opened.token()).isEmpty(), "expired exactly at expires_at");
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void disabledUserSessionStopsWorkingAtOnce(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession opened = f.sessions.open(f.user, null);
        f.users.setEnabled("op1", false);
        assertTrue(f.sessions.resolve(opened.token()).isEmpty());
        f.users.setEnabled("op1", true);
        assertTrue(f.sessions.resolve(opened.token()).isPresent());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void closeEndsOnlyThatSession(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession a = f.sessions.open(f.user, null);
        OpenedSession b = f.sessions.open(f.user, null);

        assertEquals("op1", f.sessions.close(a.token()).orElseThrow());
        assertTrue(f.sessions.close(a.token()).isEmpty(), "closing twice is harmless");
        assertTrue(f.sessions.resolve(a.token()).isEmpty());
        assertTrue(f.sessions.resolve(b.token()).isPresent());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void closeOthersKeepsTheCurrentSession(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession current = f.sessions.open(f.user, null);
        OpenedSession other = f.sessions.open(f.user, null);

        assertEquals(1, f.sessions.closeOthers("op1", SessionTokens.hash(current.token())));
        assertTrue(f.sessions.resolve(current.token()).isPresent());
        assertTrue(f.sessions.resolve(other.token()).isEmpty());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void lastSeenIsRefreshedAtMostOncePerMinuteAndExpiredRowsArePurged(TestDatabase db) {
        Fixture f = fixture(db);
        OpenedSession opened = f.sessions.open(f.user, null);
        Instant opening = clock.instant();

        clock.advance(Duration.ofSeconds(30));
        f.sessions.resolve(opened.token());
        assertEquals(opening, lastSeen(f));
        clock.advance(Duration.ofSeconds(30));
        f.sessions.resolve(opened.token());
        assertEquals(clock.instant(), lastSeen(f));

        clock.advance(TTL);
        f.sessions.open(f.user, null);
        assertEquals(1L, f.jdbc.queryOne("SELECT COUNT(*) FROM sessions", rs -> rs.getLong(1)).orElseThrow(),
                "the expired session was purged by the next login");
        assertFalse(f.sessions.resolve(opened.token()).isPresent());
    }

    private static Instant lastSeen(Fixture f) {
        return f.jdbc.queryOne("SELECT last_seen FROM sessions", rs -> Jdbc.instant(rs, "last_seen")).orElseThrow();
    }
}
