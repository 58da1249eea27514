package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.skynet.vms.recorder.fmp4.MediaTools;

/**
 * A real, small file system for disk-full tests: a tmpfs of {@code sizeBytes} mounted on a directory.
 * Mounting needs root (CAP_SYS_ADMIN); without it the calling test is skipped with the reason.
 */
final class SmallFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs on {@code dir} (created if needed), or aborts the test when mounting is not permitted. */
    static SmallFilesystem mount(Path dir, long sizeBytes) throws IOException {
        Files.createDirectories(dir);
        MediaTools.Run r = MediaTools.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs",
                dir.toString()));
        Assumptions.assumeTrue(r.exitCode() == 0, () -> "cannot mount a tmpfs on " + dir + " (needs root): "
                + r.stderr().strip() + "; skipping the real disk-full test");
        return new SmallFilesystem(dir);
    }

    Path root() {
        return mountPoint;
    }

    /** Writes a file that leaves {@code freeBytes} of the file system free. */
    Path fillLeaving(long freeBytes) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long usable = Files.getFileStore(mountPoint).getUsableSpace();
        Files.write(filler, new byte[(int) (usable - freeBytes)]);
        return filler;
    }

    @Override
    public void close() {
        MediaTools.run(List.of("umount", "-l", mountPoint.toString()));
    }
}
