package org.skynet.vms.core.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.cli.VmsCommand;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.DbSettings;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.errors.VmsException;

/** {@code vms keys rotate} on an embedded database in a data directory: exit codes and the key files. */
class KeyRotationCommandTest {
    @TempDir
    Path data;

    private byte[] oldKey;

    @BeforeEach
    void seed() {
        oldKey = KeyRotation.generate();
        KeyFiles files = new KeyFiles(data);
        files.write(files.current(), oldKey);
        try (Database db = open()) {
            camera(db, oldKey, "cam-1", "pw-one");
        }
    }

    private Database open() {
        return Database.open(new DbSettings(null, null, null, data, null, 2));
    }

    private static void camera(Database db, byte[] key, String id, String password) {
        new CameraRegistry(new Jdbc(db), new SecretBox(key), Clock.systemUTC()).create(new CameraDraft().id(id).name(id)
                .district("Nancheng").lat(23.0).lon(113.75).bearing(90.0).fov(60.0).range(50.0)
                .rtspUrl("rtsp://192.0.2.1/" + id).tags(List.of()).username("admin").password(password));
    }

    private String password(byte[] key, String id) {
        try (Database db = open()) {
            return new CameraRegistry(new Jdbc(db), new SecretBox(key), Clock.systemUTC()).credentials(id).orElseThrow().password();
        }
    }

    @Test
    void rotatesToAGivenKeyFileAndExitsZero() throws Exception {
        byte[] next = KeyRotation.generate();
        Path keyFile = data.resolve("next.key");
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(next) + "\n", StandardCharsets.US_ASCII);

        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("keys", "rotate", "--data", data.toString(),
                "--new-key-file", keyFile.toString()));
        KeyFiles files = new KeyFiles(data);
        assertArrayEquals(next, KeyFiles.read(files.current()));
        assertArrayEquals(oldKey, KeyFiles.read(files.previous()));
        assertEquals("pw-one", password(next, "cam-1"));
        assertThrows(VmsException.class, () -> password(oldKey, "cam-1"));

        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("keys", "rotate", "--data", data.toString()));
        assertEquals("pw-one", password(KeyFiles.read(files.current()), "cam-1"));
    }

    @Test
    void aForeignRowIsExitOneAndBadUsageExitTwo() throws Exception {
        try (Database db = open()) {
            camera(db, KeyRotation.generate(), "cam-foreign", "pw-x");
        }
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("keys", "rotate", "--data", data.toString()));
        assertArrayEquals(oldKey, KeyFiles.read(new KeyFiles(data).current()));
        assertFalse(Files.exists(new KeyFiles(data).pending()));
        assertEquals("pw-one", password(oldKey, "cam-1"));

        Path badKey = data.resolve("bad.key");
        Files.writeString(badKey, "not base64!", StandardCharsets.US_ASCII);
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("keys", "rotate", "--data", data.toString(),
                "--new-key-file", badKey.toString()));
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("keys", "rotate", "--data", data.resolve("none").toString()));
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("keys", "rotate", "--bogus"));
    }

    @Test
    void aConfiguredKeyIsNotWrittenButPrintedOnce() throws Exception {
        Path config = data.resolve("vms.properties");
        Files.writeString(config, "data=" + data + "\nmaster-key=" + Base64.getEncoder().encodeToString(oldKey) + "\n",
                StandardCharsets.ISO_8859_1);
        Files.delete(new KeyFiles(data).current());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = VmsCommand.execute("keys", "rotate", "--config", config.toString());
        } finally {
            System.setOut(stdout);
        }
        assertEquals(VmsCommand.EXIT_OK, exit, printed.toString(StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("new master key .*: (\\S+)").matcher(printed.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), printed.toString(StandardCharsets.UTF_8));
        assertEquals("pw-one", password(KeyFiles.decode(m.group(1), "output"), "cam-1"));
        assertFalse(Files.exists(new KeyFiles(data).current()), "no key file is written");
        assertFalse(Files.exists(new KeyFiles(data).pending()));
    }
}
