package org.skynet.vms.core.recording;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/** A real catalogue behind a switch that makes every call fail like a lost database connection. */
final class FlakyCatalogue implements SegmentCatalogue {
    private final SegmentCatalogue delegate;
    private volatile boolean down;
    private volatile int refused;

    FlakyCatalogue(SegmentCatalogue delegate) {
        this.delegate = delegate;
    }

    void down(boolean isDown) {
        down = isDown;
    }

    int refused() {
        return refused;
    }

    private void check() {
        if (down) {
            refused++;
            throw new VmsException(ErrorKind.UNREACHABLE, "database connection lost (test outage)");
        }
    }

    @Override
    public void upsert(Collection<SegmentRow> rows) {
        check();
        delegate.upsert(rows);
    }

    @Override
    public void remove(String storageRoot, String path) {
        check();
        delegate.remove(storageRoot, path);
    }

    @Override
    public Optional<SegmentRow> find(String storageRoot, String path) {
        check();
        return delegate.find(storageRoot, path);
    }

    @Override
    public List<SegmentRow> openSegments(String storageRoot) {
        check();
        return delegate.openSegments(storageRoot);
    }

    @Override
    public List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        check();
        return delegate.segments(cameraId, from, to, limit);
    }
}
