package org.skynet.vms.recorder.playback;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.recorder.catalogue.InMemorySegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.segment.SegmentConfig;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentWriter;

/** Records access units with {@link SegmentWriter} (files of about 3 s) into a catalogue, as the recorder does. */
final class TestRecordings {
    private TestRecordings() {
    }

    static void record(Path root, InMemorySegmentCatalogue catalogue, String cameraId, List<AccessUnit> units) {
        SegmentListener rows = new SegmentListener() {
            @Override
            public void closed(SegmentFile file) {
                catalogue.upsert(List.of(SegmentRow.of(root, file)));
            }
        };
        SegmentConfig config = SegmentConfig.defaults(root).withFsync(false).withSegmentTarget(Duration.ofSeconds(3));
        SegmentWriter w = new SegmentWriter(cameraId, config, rows);
        for (AccessUnit au : units) {
            w.accept(au, au.wallClock());
        }
        w.close();
    }
}
