package org.skynet.vms.core.ha;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.TestDatabases;

/**
 * The leader lock on the test PostgreSQL, each test in a fresh schema (so in its own lock key): one
 * holder at a time, released at once when the holder closes, a terminated session noticed by the watch,
 * and a silent holder's lock released by PostgreSQL after the session timeout.
 */
class LeaderLockIT {
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<String> schemas = new ArrayList<>();
    private String schema;

    @BeforeEach
    void schema() {
        Assumptions.assumeTrue(TestDatabases.postgresAvailable(), "PostgreSQL not reachable: leader lock not tested");
        schema = newSchema();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        for (String s : schemas) {
            TestDatabases.dropPostgresSchema(s);
        }
    }

    private String newSchema() {
        String s = TestDatabases.createPostgresSchema();
        schemas.add(s);
        return s;
    }

    @Test
    void oneHolderAtATimeAndReleasedOnClose() throws Exception {
        HaSettings ha = settings(Map.of());
        LeaderLock a = connect(schema, ha);
        LeaderLock b = connect(schema, ha);
        assertTrue(a.tryAcquire(), "the first session must get the lock");
        assertFalse(b.tryAcquire(), "the second session got the lock the first holds");
        assertTrue(a.stillHeld());
        assertFalse(b.stillHeld());
        a.close();
        assertTrue(b.tryAcquire(), "a closed holder's lock must be free at once");
    }

    @Test
    void schemasHaveTheirOwnLeader() throws Exception {
        HaSettings ha = settings(Map.of());
        assertTrue(connect(schema, ha).tryAcquire());
        assertTrue(connect(newSchema(), ha).tryAcquire(), "an installation in another schema shares the lock");
    }

    @Test
    void aTerminatedSessionMakesTheActiveStepDown() throws Exception {
        HaSettings ha = settings(Map.of("ha.check-millis", "200"));
        LeaderLock a = connect(schema, ha);
        assertTrue(a.tryAcquire());
        CompletableFuture<String> reason = new CompletableFuture<>();
        LeaderWatch watch = LeaderWatch.start(a::stillHeld, ha.check(), ha.stepDown(), reason::complete);
        open.add(watch);
        long start = System.nanoTime();
        try (Connection admin = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, null);
                PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, a.backendPid());
            ps.execute();
        }
        String why = reason.get(ha.stepDown().toMillis() + 2000, TimeUnit.MILLISECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("leader lock: terminated session noticed in " + millis + " ms: " + why);
        assertTrue(millis < ha.stepDown().toMillis(), "noticed only after " + millis + " ms");
        assertTrue(connect(schema, ha).tryAcquire(), "the terminated session's lock is still held");
    }

    @Test
    void postgresReleasesASilentHoldersLockAfterTheSessionTimeout() throws Exception {
        HaSettings ha = settings(Map.of("ha.check-millis", "100", "ha.step-down-millis", "300",
                "ha.exit-grace-millis", "100", "ha.session-timeout-millis", "1500"));
        LeaderLock silent = connect(schema, ha);
        assertTrue(silent.tryAcquire());
        long start = System.nanoTime();
        LeaderLock other = connect(schema, ha);
        long deadline = start + TimeUnit.SECONDS.toNanos(10);
        while (!other.tryAcquire()) {
            if (System.nanoTime() > deadline) {
                fail("PostgreSQL kept a silent holder's lock for 10 s (session timeout 1.5 s)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("leader lock: a silent holder's lock was released by PostgreSQL after " + millis + " ms");
        assertTrue(millis >= ha.sessionTimeout().toMillis() - 100, "released after only " + millis + " ms");
        try {
            silent.stillHeld();
            fail("the silent holder's session must be gone");
        } catch (SQLException expected) {
            System.out.println("leader lock: the silent holder hears: " + expected.getMessage());
        }
    }

    private LeaderLock connect(String inSchema, HaSettings ha) throws SQLException {
        LeaderLock lock = LeaderLock.connect(new DbSettings(TestDatabases.PG_URL, TestDatabases.PG_USER, null,
                Path.of("target"), inSchema, 1), ha);
        open.add(lock);
        return lock;
    }

    private static HaSettings settings(Map<String, String> more) {
        Map<String, String> flags = new HashMap<>(more);
        flags.put("ha.enabled", "true");
        return HaSettings.from(VmsConfig.ofFlags(flags), new DbSettings(TestDatabases.PG_URL, TestDatabases.PG_USER,
                null, Path.of("target"), null, 1));
    }
}
