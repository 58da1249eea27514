package org.skynet.vms.core.recording;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.StandardOpenOption;

/**
 * Opens the bytes of a catalogued clip for reading: the local file ({@link #LOCAL}), or, in a cluster,
 * the file on the recorder node that wrote it ({@code cluster.routing.RecordingFiles}).
 */
@FunctionalInterface
public interface ClipFiles {
    /** The clip's file on this machine. */
    ClipFiles LOCAL = clip -> FileChannel.open(clip.file(), StandardOpenOption.READ);

    /** A read-only channel over the file of {@code clip}; the caller closes it. */
    SeekableByteChannel open(ClipRow clip) throws IOException;
}
