package org.skynet.vms.recorder.playback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.FragmentInfo;

/**
 * The recorded keyframe nearest an instant: the first sample of the fragment playing at that instant
 * (every fragment starts with a keyframe), with the parameter sets of its file's init segment, ready
 * for {@code KeyframeDecoder}. Thread-safe; blocks on file reads.
 */
public final class RecordedKeyframes {
    /** Largest keyframe read: 16 MiB, as the decoder's default input limit. */
    public static final int MAX_KEYFRAME_BYTES = 16 << 20;

    private final SegmentSource segments;
    private final SegmentFiles files;

    /** Keyframes of local files. */
    public RecordedKeyframes(SegmentSource segments) {
        this(segments, SegmentFiles.LOCAL);
    }

    /** Keyframes of the rows of {@code segments}, read through {@code files}. */
    public RecordedKeyframes(SegmentSource segments, SegmentFiles files) {
        this.segments = Objects.requireNonNull(segments, "segments");
        this.files = Objects.requireNonNull(files, "files");
    }

    /**
     * The keyframe that opens the fragment playing at {@code at}.
     *
     * @throws VmsException {@code NOT_FOUND} when nothing was recorded at {@code at}
     */
    public AccessUnit at(String cameraId, Instant at) {
        List<SegmentRow> rows = segments.segments(cameraId, at, at.plusNanos(1), 1);
        for (SegmentRow row : rows) {
            SegmentScan scan = SegmentScan.read(files, row);
            for (StoredFragment f : scan.fragments()) {
                if (f.overlaps(at, at.plusNanos(1))) {
                    return firstSample(row, scan, f);
                }
            }
        }
        throw VmsException.notFound("no recording of camera " + cameraId + " at " + at);
    }

    private AccessUnit firstSample(SegmentRow row, SegmentScan scan, StoredFragment f) {
        try (SeekableByteChannel ch = files.open(row)) {
            ByteBuffer moof = SegmentScan.read(ch, f.offset(), f.moofBytes());
            FragmentInfo info = Fmp4Parser.parseMoof(moof.duplicate());
            long size = MoofRewriter.firstSampleSize(moof);
            if (size <= 0 || size > MAX_KEYFRAME_BYTES || info.dataOffset() + size > f.totalBytes()) {
                throw new Fmp4FormatException("first sample of " + size + " bytes does not fit its fragment");
            }
            byte[] data = SegmentScan.read(ch, f.offset() + info.dataOffset(), (int) size).array();
            VideoParameters params = InitParameters.of(scan.init());
            return new AccessUnit(params.codec(), 0, f.startWall(), true, data, params, false, false);
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read segment " + row.file() + ": " + e.getMessage(), e);
        } catch (Fmp4FormatException e) {
            throw new VmsException(ErrorKind.INTERNAL, "damaged segment " + row.file() + ": " + e.getMessage(), e);
        }
    }
}
