package org.skynet.vms.core.cluster.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** Which {@code (root, path)} pairs a node serves: only regular files inside a configured root. */
class StorageRootsTest {
    @TempDir
    Path dir;
    private Path root;
    private Path segment;
    private StorageRoots roots;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(dir.resolve("recordings"));
        segment = Files.writeString(Files.createDirectories(root.resolve("cam-1/2026-11-26"))
                .resolve("cam-1_20261126T060000.000Z.mp4"), "segment");
        Files.writeString(dir.resolve("secret.txt"), "not for core");
        roots = new StorageRoots(List.of(root, Files.createDirectories(dir.resolve("clips"))));
    }

    @Test
    void aFileUnderARootResolvesToItsRealPath() throws Exception {
        assertEquals(segment.toRealPath(), roots.resolve(root.toString(), "cam-1/2026-11-26/cam-1_20261126T060000.000Z.mp4"));
        assertEquals(List.of(root.toString(), dir.resolve("clips").toString()), roots.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.txt", "cam-1/../../secret.txt", "/etc/passwd", "cam-1//x.mp4", "./cam-1",
            "cam-1\\..\\..\\secret.txt", "cam-1/2026-11-26/", "c:/x", "cam-1/\0.mp4", ""})
    void malformedOrEscapingPathsAreRefused(String path) {
        VmsException e = assertThrows(VmsException.class, () -> roots.resolve(root.toString(), path));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("path", e.field());
    }

    @Test
    void aSymlinkOutOfTheRootIsRefusedAndOneInsideIsFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("escape.mp4"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linked-dir"), dir);
        Files.createSymbolicLink(root.resolve("inside.mp4"), segment);
        assertEquals("path", assertThrows(VmsException.class, () -> roots.resolve(root.toString(), "escape.mp4")).field());
        assertEquals("path", assertThrows(VmsException.class,
                () -> roots.resolve(root.toString(), "linked-dir/secret.txt")).field());
        assertEquals(segment.toRealPath(), roots.resolve(root.toString(), "inside.mp4"));
    }

    @Test
    void unknownRootsDirectoriesAndMissingFiles() {
        assertEquals("root", assertThrows(VmsException.class, () -> roots.resolve(dir.toString(), "secret.txt")).field());
        assertEquals("root", assertThrows(VmsException.class, () -> roots.resolve(null, "x.mp4")).field());
        assertEquals("root", assertThrows(VmsException.class, () -> roots.resolve(root + "/", "cam-1")).field());
        assertEquals("path", assertThrows(VmsException.class, () -> roots.resolve(root.toString(), "cam-1")).field());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> roots.resolve(root.toString(), "cam-1/none.mp4")).kind());
    }
}
