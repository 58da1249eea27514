package org.skynet.vms.recorder.segment;

import java.util.ArrayList;
import java.util.List;

/** A {@link SegmentListener} that keeps every event, for assertions. */
final class CollectingListener implements SegmentListener {
    final List<SegmentFile> opened = new ArrayList<>();
    final List<SegmentFile> fragments = new ArrayList<>();
    final List<SegmentFile> closed = new ArrayList<>();
    final List<SegmentFile> discarded = new ArrayList<>();

    @Override
    public void opened(SegmentFile file) {
        opened.add(file);
    }

    @Override
    public void fragmentWritten(SegmentFile file) {
        fragments.add(file);
    }

    @Override
    public void closed(SegmentFile file) {
        closed.add(file);
    }

    @Override
    public void discarded(SegmentFile file) {
        discarded.add(file);
    }
}
