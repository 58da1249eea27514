package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.InitSegmentWriter;
import org.skynet.vms.recorder.fmp4.TrackInfo;

/**
 * Repairs a segment file that a crash may have cut anywhere (recording-storage.md, "Crash recovery"):
 * keeps {@code ftyp}, {@code moov} and every complete, consistent {@code moof}+{@code mdat} pair,
 * truncates whatever follows, and describes the result. Idempotent; reads boxes one at a time with
 * hard size limits, so a damaged file cannot make it allocate much. Stateless and thread-safe.
 */
public final class SegmentRecovery {
    /** Largest {@code moov} accepted (ours are under 1 KiB plus parameter sets). */
    public static final int MAX_MOOV_BYTES = 1 << 20;
    /** Largest {@code moof} accepted (12 bytes per sample at most {@code FragmentSamples.MAX_SAMPLES}). */
    public static final int MAX_MOOF_BYTES = 1 << 20;
    private static final int HASH_CHUNK_BYTES = 1 << 16;

    /**
     * What recovery found and did.
     *
     * @param file               the repaired file, or {@code null} when it has no usable init segment
     * @param originalSizeBytes  the file's size before recovery
     */
    public record Result(SegmentFile file, long originalSizeBytes) {
        /** Whether the file holds a usable init segment (and so plays, possibly with no fragments). */
        public boolean usable() {
            return file != null;
        }

        /** Bytes cut off the end of the file; 0 when unusable (nothing is changed then). */
        public long truncatedBytes() {
            return file == null ? 0 : originalSizeBytes - file.sizeBytes();
        }
    }

    private SegmentRecovery() {
    }

    /**
     * Repairs {@code file} in place. A file without a complete init segment is left untouched and
     * reported unusable; the caller decides whether to delete it.
     *
     * @throws SegmentException on I/O errors
     * @throws org.skynet.vms.errors.VmsException ({@code INVALID_ARGUMENT}) when the name is not a segment name
     */
    public static Result recover(Path file) {
        SegmentNaming.Parsed name = SegmentNaming.parse(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(Fmp4Parser.HEADER_BYTES);
            long pos = expect(ch, 0, header, "ftyp", size);
            TrackInfo track = null;
            if (pos > 0) {
                long moovEnd = expect(ch, pos, header, "moov", size);
                if (moovEnd > 0 && moovEnd - pos <= MAX_MOOV_BYTES) {
                    track = parseMoov(ch, pos, (int) (moovEnd - pos));
                    pos = moovEnd;
                }
            }
            if (track == null || track.timescale() != InitSegmentWriter.TIMESCALE) {
                return new Result(null, size);
            }
            long frames = 0;
            long duration = 0;
            int fragments = 0;
            while (true) {
                long moofEnd = expect(ch, pos, header, "moof", size);
                if (moofEnd < 0 || moofEnd - pos > MAX_MOOF_BYTES) {
                    break;
                }
                FragmentInfo info = parseMoof(ch, pos, (int) (moofEnd - pos));
                long mdatEnd = expect(ch, moofEnd, header, "mdat", size);
                if (info == null || mdatEnd < 0 || mdatEnd - moofEnd - Fmp4Parser.HEADER_BYTES != info.sampleBytes()
                        || info.dataOffset() != moofEnd - pos + Fmp4Parser.HEADER_BYTES
                        || info.sequenceNumber() != fragments + 1 || info.baseMediaDecodeTime() != duration) {
                    break;
                }
                frames += info.sampleCount();
                duration += info.duration();
                fragments++;
                pos = mdatEnd;
            }
            if (pos < size) {
                ch.truncate(pos);
                ch.force(true);
            }
            SegmentFile recovered = new SegmentFile(name.cameraId(), file, track.codec(), track.width(), track.height(),
                    name.startWall(), duration, frames, fragments, pos, sha256(ch, pos), CloseReason.RECOVERED);
            return new Result(recovered, size);
        } catch (IOException e) {
            throw new SegmentException("recovering segment", file, e);
        }
    }

    /** End of the box of {@code type} at {@code pos}, or -1 when it is another type or does not fit the file. */
    private static long expect(FileChannel ch, long pos, ByteBuffer header, String type, long size)
            throws IOException {
        if (pos + Fmp4Parser.HEADER_BYTES > size) {
            return -1;
        }
        header.clear();
        readFully(ch, header, pos);
        long boxSize = header.getInt(0) & 0xFFFF_FFFFL;
        if (!Fmp4Parser.type(header, 0).equals(type) || boxSize < Fmp4Parser.HEADER_BYTES || pos + boxSize > size) {
            return -1;
        }
        return pos + boxSize;
    }

    private static TrackInfo parseMoov(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer box = ByteBuffer.allocate(len);
        readFully(ch, box, pos);
        box.flip();
        try {
            return Fmp4Parser.parseMoov(box);
        } catch (Fmp4FormatException e) {
            return null;
        }
    }

    private static FragmentInfo parseMoof(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer box = ByteBuffer.allocate(len);
        readFully(ch, box, pos);
        box.flip();
        try {
            return Fmp4Parser.parseMoof(box);
        } catch (Fmp4FormatException e) {
            return null;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long pos) throws IOException {
        long p = pos;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + p);
            }
            p += n;
        }
    }

    private static String sha256(FileChannel ch, long size) throws IOException {
        MessageDigest digest = SegmentOutput.sha256();
        ByteBuffer chunk = ByteBuffer.allocate(HASH_CHUNK_BYTES);
        for (long p = 0; p < size; ) {
            chunk.clear().limit((int) Math.min(HASH_CHUNK_BYTES, size - p));
            readFully(ch, chunk, p);
            p += chunk.position();
            digest.update(chunk.flip());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
