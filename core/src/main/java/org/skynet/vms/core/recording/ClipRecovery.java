package org.skynet.vms.core.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import org.skynet.vms.recorder.clips.ClipFile;
import org.skynet.vms.recorder.clips.ClipTrigger;
import org.skynet.vms.recorder.segment.SegmentRecovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up repair of clips left open by a crash, before any camera records: each file is cut after its
 * last complete fragment ({@link SegmentRecovery}, as for segments) and its row closed with the final
 * size, duration and sha256. A row whose file is gone, or has no usable init segment, is removed with
 * the file (there is nothing to play). Blocking I/O: run it on a start-up thread.
 */
public final class ClipRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(ClipRecovery.class);

    private ClipRecovery() {
    }

    /** Repairs every open clip under {@code root}; returns how many were repaired and kept. */
    public static int recover(ClipStore store, Path root) {
        int repaired = 0;
        for (ClipRow clip : store.openClips(root)) {
            try {
                SegmentRecovery.Result r = Files.exists(clip.file()) ? SegmentRecovery.recover(clip.file()) : null;
                if (r == null || !r.usable()) {
                    store.deleteLost(clip.id());
                    Files.deleteIfExists(clip.file());
                    LOG.warn("{}: clip {} lost in a crash: {}", clip.cameraId(), clip.id(),
                            r == null ? "file missing" : "no usable init segment");
                    continue;
                }
                store.upsert(root, new ClipFile(new ClipTrigger(clip.triggerType(), clip.triggerDetail(),
                        clip.triggeredAt()), r.file()));
                repaired++;
            } catch (Exception e) {
                LOG.error("{}: repairing clip {} ({}) failed; left open: {}", clip.cameraId(), clip.id(), clip.file(),
                        e.toString());
            }
        }
        return repaired;
    }
}
