package org.skynet.vms.recorder.clips;

import java.util.Objects;
import org.skynet.vms.recorder.segment.SegmentFile;

/**
 * One clip file and the trigger it was recorded for.
 *
 * @param trigger why it was recorded
 * @param file    the file as written so far (or complete, once {@link SegmentFile#closed()})
 */
public record ClipFile(ClipTrigger trigger, SegmentFile file) {
    public ClipFile {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(file, "file");
    }
}
