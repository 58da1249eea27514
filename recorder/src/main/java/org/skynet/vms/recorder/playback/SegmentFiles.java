package org.skynet.vms.recorder.playback;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * Opens the bytes of a catalogued segment for reading: the local file under its storage root
 * ({@link #LOCAL}), or, in a cluster, the file on the recorder node that wrote it. Playback reads a
 * channel from one thread, with {@code position} then {@code read}.
 */
@FunctionalInterface
public interface SegmentFiles {
    /** The file under the row's storage root on this machine. */
    SegmentFiles LOCAL = row -> FileChannel.open(row.file(), StandardOpenOption.READ);

    /** A read-only channel over the file of {@code row}; the caller closes it. */
    SeekableByteChannel open(SegmentRow row) throws IOException;
}
