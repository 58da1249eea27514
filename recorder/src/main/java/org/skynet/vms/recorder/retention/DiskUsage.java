package org.skynet.vms.recorder.retention;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.skynet.vms.recorder.segment.SegmentException;

/**
 * Size and free space of the file system a storage root is on.
 *
 * @param totalBytes  size of the file system
 * @param usableBytes bytes this process may still write
 */
public record DiskUsage(long totalBytes, long usableBytes) {
    /** Measures the file system of {@code root}. @throws SegmentException when it cannot be read */
    public static DiskUsage of(Path root) {
        try {
            FileStore store = Files.getFileStore(root);
            return new DiskUsage(store.getTotalSpace(), store.getUsableSpace());
        } catch (IOException e) {
            throw new SegmentException("measuring free space of", root, e);
        }
    }
}
