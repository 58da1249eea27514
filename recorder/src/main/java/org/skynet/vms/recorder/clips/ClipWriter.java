package org.skynet.vms.recorder.clips;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.recorder.ingest.IngestStatus;
import org.skynet.vms.recorder.ingest.SegmentSink;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentListener;
import org.skynet.vms.recorder.segment.SegmentWriter;

/**
 * Writes one clip with the recording path's own writer: a {@link SegmentWriter} over
 * {@link ClipConfig#files()} behind a {@link SegmentSink} on the writer executor, so a clip file is a
 * self-contained fragmented MP4 like every segment, starts at a keyframe, and file I/O never runs on
 * the event loop. Files are reported to the {@link ClipListener} with the trigger.
 */
public final class ClipWriter implements ClipOutput {
    private final SegmentSink sink;

    /**
     * @param status  the camera's ingest counters (drops and gaps when the disk falls behind)
     * @param writers the executor for file I/O
     */
    public ClipWriter(String cameraId, ClipTrigger trigger, ClipConfig config, ClipListener listener,
            IngestStatus status, Executor writers) {
        SegmentListener files = new SegmentListener() {
            @Override
            public void opened(SegmentFile file) {
                listener.opened(new ClipFile(trigger, file));
            }

            @Override
            public void closed(SegmentFile file) {
                listener.closed(new ClipFile(trigger, file));
            }
        };
        this.sink = new SegmentSink(cameraId, new SegmentWriter(cameraId, config.files(), files), writers, status,
                config.queueFrames());
    }

    /** A factory of writers for one camera's {@link ClipAssembler}. */
    public static ClipOutput.Factory factory(ClipConfig config, ClipListener listener, IngestStatus status,
            Executor writers) {
        return (cameraId, trigger) -> new ClipWriter(cameraId, trigger, config, listener, status, writers);
    }

    @Override
    public void accept(AccessUnit unit, Instant arrival) {
        sink.accept(unit, arrival);
    }

    @Override
    public CompletableFuture<Void> end() {
        return sink.close();
    }
}
