package org.skynet.vms.recorder.playback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentRow;

/**
 * Builds one MP4 for a camera and a time range from its recorded segments, without re-encoding: the
 * init segment of the first segment in range, then every fragment whose time overlaps the range, with
 * {@code mfhd} sequence numbers renumbered from 1 and {@code tfdt} made continuous from 0 (gaps between
 * recordings are closed). Granularity is the fragment: the file starts at the keyframe that opens the
 * fragment containing {@code from}. When a later segment has other codec parameters (its init segment
 * differs), the file stops before it and {@link StitchedMp4#parametersChanged()} is set.
 *
 * <p>Bounded: a range longer than {@link #maxSpan()}, over {@link #MAX_SEGMENTS} files, or making a file
 * over {@link #maxBytes()} is refused with {@code INVALID_ARGUMENT}. The exact size is known from the
 * {@code moof}s before any sample data is read, and the file is built in one heap array of that size.
 * Thread-safe; blocks on file reads, so never call it on an event loop.
 */
public final class PlaybackService {
    /** Default longest range: one hour. */
    public static final Duration DEFAULT_MAX_SPAN = Duration.ofHours(1);
    /** Default largest file: 1 GiB (a Java array cannot hold 2 GiB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Most segment rows looked at for one range (one hour of 1-minute segments, with slack). */
    public static final int MAX_SEGMENTS = 256;

    private final SegmentSource segments;
    private final SegmentFiles files;
    private final Duration maxSpan;
    private final long maxBytes;

    /** A service with the default limits, reading local files. */
    public PlaybackService(SegmentSource segments) {
        this(segments, SegmentFiles.LOCAL, DEFAULT_MAX_SPAN, DEFAULT_MAX_BYTES);
    }

    /** A service reading local files, with the given limits (see below). */
    public PlaybackService(SegmentSource segments, Duration maxSpan, long maxBytes) {
        this(segments, SegmentFiles.LOCAL, maxSpan, maxBytes);
    }

    /**
     * @param segments  where segment rows are looked up
     * @param files     where their bytes are read ({@link SegmentFiles#LOCAL} on a single server)
     * @param maxSpan   longest range served
     * @param maxBytes  largest file built; at most {@code Integer.MAX_VALUE - 8}
     */
    public PlaybackService(SegmentSource segments, SegmentFiles files, Duration maxSpan, long maxBytes) {
        this.segments = Objects.requireNonNull(segments, "segments");
        this.files = Objects.requireNonNull(files, "files");
        this.maxSpan = Objects.requireNonNull(maxSpan, "maxSpan");
        if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public Duration maxSpan() {
        return maxSpan;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * The MP4 of {@code cameraId} for {@code [from, to)}.
     *
     * @throws VmsException {@code INVALID_ARGUMENT} for an empty, reversed or too long range or too many
     *                      bytes; {@code NOT_FOUND} when nothing was recorded in the range
     */
    public StitchedMp4 stitch(String cameraId, Instant from, Instant to) {
        checkRange(from, to);
        List<SegmentRow> rows = segments.segments(cameraId, from, to, MAX_SEGMENTS);
        if (rows.size() >= MAX_SEGMENTS) {
            throw VmsException.invalid("to", "range spans " + MAX_SEGMENTS + " or more segment files; ask for a "
                    + "shorter range");
        }
        byte[] init = null;
        List<Piece> pieces = new ArrayList<>();
        long size = 0;
        boolean parametersChanged = false;
        for (SegmentRow row : rows) {
            SegmentScan scan = SegmentScan.read(files, row);
            List<StoredFragment> wanted = scan.fragments().stream().filter(f -> f.overlaps(from, to)).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            if (init == null) {
                init = scan.init();
                size = init.length;
            } else if (!Arrays.equals(init, scan.init())) {
                parametersChanged = true;
                break;
            }
            for (StoredFragment f : wanted) {
                pieces.add(new Piece(row, f));
                size += f.totalBytes();
            }
        }
        if (pieces.isEmpty()) {
            throw VmsException.notFound("no recording of camera " + cameraId + " between " + from + " and " + to);
        }
        if (size > maxBytes) {
            throw VmsException.invalid("to", "playback file would be " + size + " bytes, over the limit of "
                    + maxBytes + "; ask for a shorter range");
        }
        return write(init, pieces, (int) size, parametersChanged);
    }

    /** One fragment to copy, and the file it is in. */
    private record Piece(SegmentRow row, StoredFragment fragment) {
    }

    /** Fills an array of exactly {@code size} bytes: the init segment, then the rewritten fragments. */
    private StitchedMp4 write(byte[] init, List<Piece> pieces, int size, boolean parametersChanged) {
        byte[] out = Arrays.copyOf(init, size);
        int pos = init.length;
        long time90k = 0;
        long frames = 0;
        int sequence = 0;
        SeekableByteChannel ch = null;
        SegmentRow open = null;
        try {
            for (Piece p : pieces) {
                if (p.row() != open) {
                    close(ch);
                    ch = files.open(p.row());
                    open = p.row();
                }
                StoredFragment f = p.fragment();
                ByteBuffer pair = ByteBuffer.wrap(out, pos, (int) f.totalBytes()).slice();
                SegmentScan.readFully(ch, f.offset(), pair);
                MoofRewriter.rewrite(pair.slice(0, f.moofBytes()), ++sequence, time90k);
                pos += (int) f.totalBytes();
                frames += f.samples();
                time90k += f.duration90k();
            }
            close(ch);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read segment " + open.file() + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(ch);
        }
        StoredFragment first = pieces.get(0).fragment();
        StoredFragment last = pieces.get(pieces.size() - 1).fragment();
        return new StitchedMp4(out, first.startWall(), last.endWall(), sequence, frames, time90k, parametersChanged);
    }

    private static void close(SeekableByteChannel ch) throws IOException {
        if (ch != null) {
            ch.close();
        }
    }

    private static void closeQuietly(SeekableByteChannel ch) {
        try {
            close(ch);
        } catch (IOException e) {
            // already failing or already closed: the first error is the one reported
        }
    }

    private void checkRange(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw VmsException.invalid("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(maxSpan) > 0) {
            throw VmsException.invalid("to", "range over the limit of " + maxSpan + "; ask for a shorter range");
        }
    }
}
