package org.skynet.vms.core.recording;

import java.nio.file.Path;
import org.skynet.vms.core.config.VmsConfig;

/**
 * How the in-process recorder runs (config keys in {@code docs/recording.md}).
 *
 * @param storageRoot   where segment files go ({@code recorder.root}, default {@code <data>/recordings})
 * @param ioThreads     RTSP event loops ({@code recorder.io-threads}, default 2)
 * @param writerThreads threads writing files ({@code recorder.writer-threads}, default 2)
 * @param fsync         force each fragment to disk ({@code recorder.fsync}, default false; closed files always are)
 */
public record RecordingSettings(Path storageRoot, int ioThreads, int writerThreads, boolean fsync) {

    public RecordingSettings {
        if (ioThreads < 1 || writerThreads < 1) {
            throw new IllegalArgumentException("recorder threads must be positive");
        }
    }

    /** Reads the {@code recorder.*} keys. */
    public static RecordingSettings from(VmsConfig config, Path dataDir) {
        return new RecordingSettings(config.path("recorder.root", dataDir.resolve("recordings").toString()),
                config.integer("recorder.io-threads", 2), config.integer("recorder.writer-threads", 2),
                config.bool("recorder.fsync", false));
    }
}
