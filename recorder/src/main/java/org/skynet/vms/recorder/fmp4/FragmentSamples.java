package org.skynet.vms.recorder.fmp4;

import java.util.Arrays;
import org.skynet.vms.adapters.media.AccessUnit;

/**
 * The samples of the fragment being collected: references to the access units' data plus their
 * timestamps and sync flags, in parallel primitive arrays that are reused from fragment to fragment
 * (no per-sample objects). Durations are not stored: sample {@code i} lasts until sample {@code i+1},
 * and the last one until the end timestamp given to {@link FragmentWriter}. Not thread-safe.
 */
public final class FragmentSamples {
    /** Hard limit on samples per fragment (over 10 minutes at 100 fps). */
    public static final int MAX_SAMPLES = 65_536;

    private byte[][] data = new byte[64][];
    private long[] pts90k = new long[64];
    private boolean[] sync = new boolean[64];
    private int count;
    private long sizeBytes;

    /**
     * Adds an access unit; its data array is referenced, not copied, until {@link #clear}.
     *
     * @throws IllegalStateException when the fragment already holds {@link #MAX_SAMPLES} samples
     */
    public void add(AccessUnit au) {
        if (count == MAX_SAMPLES) {
            throw new IllegalStateException("fragment already holds " + MAX_SAMPLES + " samples");
        }
        if (count == data.length) {
            int n = Math.min(MAX_SAMPLES, count * 2);
            data = Arrays.copyOf(data, n);
            pts90k = Arrays.copyOf(pts90k, n);
            sync = Arrays.copyOf(sync, n);
        }
        data[count] = au.data();
        pts90k[count] = au.pts90k();
        sync[count] = au.keyframe();
        count++;
        sizeBytes += au.data().length;
    }

    /** Drops all samples (and the references to their data), keeping the arrays. */
    public void clear() {
        Arrays.fill(data, 0, count, null);
        count = 0;
        sizeBytes = 0;
    }

    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Sum of the sample sizes: the {@code mdat} payload. */
    public long sizeBytes() {
        return sizeBytes;
    }

    public long pts90k(int i) {
        return pts90k[check(i)];
    }

    public boolean sync(int i) {
        return sync[check(i)];
    }

    public byte[] data(int i) {
        return data[check(i)];
    }

    /** Timestamp of the first sample. */
    public long firstPts90k() {
        return pts90k(0);
    }

    /** Timestamp of the last sample. */
    public long lastPts90k() {
        return pts90k(count - 1);
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        }
        return i;
    }
}
