package org.skynet.vms.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.registry.Credentials;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.VmsException;

class KeyRotationTest {
    private static final byte[] OLD = key(1);
    private static final byte[] NEW = key(2);
    private static final Map<String, String> PASSWORDS = Map.of("cam-1", "pw-one", "cam-2", "pw-two", "cam-3", "pw-three");

    @TempDir
    Path dir;

    private static byte[] key(int first) {
        byte[] k = new byte[SecretBox.KEY_BYTES];
        k[0] = (byte) first;
        return k;
    }

    private static CameraRegistry registry(TestDatabase db, byte[] key) {
        return new CameraRegistry(db.jdbc(), new SecretBox(key), Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC));
    }

    private static void camera(CameraRegistry r, String id, String password) {
        CameraDraft d = new CameraDraft().id(id).name(id).district("Nancheng").lat(23.0).lon(113.75).bearing(90.0)
                .fov(60.0).range(50.0).rtspUrl("rtsp://192.0.2.1/" + id).tags(List.of());
        r.create(password == null ? d : d.username("admin").password(password));
    }

    private void seed(TestDatabase db) {
        CameraRegistry r = registry(db, OLD);
        PASSWORDS.forEach((id, pw) -> camera(r, id, pw));
        camera(r, "cam-none", null);
        new KeyFiles(dir).write(new KeyFiles(dir).current(), OLD);
    }

    private static List<String> sealed(TestDatabase db) {
        return db.jdbc().query("SELECT id || '=' || COALESCE(password_enc, '') FROM cameras ORDER BY id", rs -> rs.getString(1));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void everyCredentialOpensWithTheNewKeyOnly(TestDatabase db) {
        seed(db);
        KeyFiles files = new KeyFiles(dir);
        assertEquals(3, new KeyRotation(db.jdbc()).rotateFile(files, NEW));

        CameraRegistry after = registry(db, NEW);
        PASSWORDS.forEach((id, pw) -> assertEquals(new Credentials("admin", pw), after.credentials(id).orElseThrow()));
        PASSWORDS.keySet().forEach(id -> assertThrows(VmsException.class, () -> registry(db, OLD).credentials(id)));
        assertArrayEquals(NEW, KeyFiles.read(files.current()));
        assertArrayEquals(OLD, KeyFiles.read(files.previous()));
        assertFalse(Files.exists(files.pending()));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aRowNotOpeningWithTheOldKeyAbortsNamingTheCamera(TestDatabase db) {
        seed(db);
        camera(registry(db, key(3)), "cam-foreign", "pw-foreign");
        List<String> before = sealed(db);
        KeyFiles files = new KeyFiles(dir);

        VmsException e = assertThrows(VmsException.class, () -> new KeyRotation(db.jdbc()).rotateFile(files, NEW));
        assertTrue(e.getMessage().contains("cam-foreign"), e.getMessage());
        assertFalse(e.getMessage().contains("pw-"), e.getMessage());
        assertEquals(before, sealed(db), "nothing re-sealed");
        assertArrayEquals(OLD, KeyFiles.read(files.current()));
        assertFalse(Files.exists(files.pending()));
        assertEquals("pw-one", registry(db, OLD).credentials("cam-1").orElseThrow().password());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aRotationInterruptedAfterItsCommitIsCompletedByTheNextRun(TestDatabase db) {
        seed(db);
        KeyFiles files = new KeyFiles(dir);
        files.write(files.pending(), NEW);
        new KeyRotation(db.jdbc()).rotate(OLD, NEW);

        assertTrue(new KeyRotation(db.jdbc()).recover(files));
        assertArrayEquals(NEW, KeyFiles.read(files.current()));
        assertEquals("pw-two", registry(db, NEW).credentials("cam-2").orElseThrow().password());

        byte[] third = key(4);
        assertEquals(3, new KeyRotation(db.jdbc()).rotateFile(files, third));
        assertEquals("pw-three", registry(db, third).credentials("cam-3").orElseThrow().password());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void aRotationInterruptedBeforeItsCommitIsDiscarded(TestDatabase db) {
        seed(db);
        KeyFiles files = new KeyFiles(dir);
        files.write(files.pending(), NEW);

        assertFalse(new KeyRotation(db.jdbc()).recover(files));
        assertFalse(Files.exists(files.pending()));
        assertArrayEquals(OLD, KeyFiles.read(files.current()));
        assertEquals("pw-one", registry(db, OLD).credentials("cam-1").orElseThrow().password());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void rotationWithoutAKeyFileReSealsOnly(TestDatabase db) {
        seed(db);
        byte[] generated = KeyRotation.generate();
        assertNotEquals(0, generated.length);
        assertEquals(3, new KeyRotation(db.jdbc()).rotate(OLD, generated));
        assertEquals("pw-one", registry(db, generated).credentials("cam-1").orElseThrow().password());
        assertArrayEquals(OLD, KeyFiles.read(new KeyFiles(dir).current()), "the key file is left alone");
    }
}
