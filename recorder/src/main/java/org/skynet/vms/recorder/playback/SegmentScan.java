package org.skynet.vms.recorder.playback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.segment.SegmentRecovery;

/**
 * Reads the layout of one segment file: its init segment ({@code ftyp}+{@code moov}, bytes kept) and
 * the position and timing of every complete fragment. Sample data is not read. A file that is still
 * being written is read up to its last complete fragment.
 *
 * @param init       the {@code ftyp} and {@code moov} bytes
 * @param fragments  complete fragments in file order
 */
record SegmentScan(byte[] init, List<StoredFragment> fragments) {
    private static final int HEADER = Fmp4Parser.HEADER_BYTES;

    /** Scans the file of {@code row}, opened through {@code files}. */
    static SegmentScan read(SegmentFiles files, SegmentRow row) {
        Instant startWall = row.startWall();
        try (SeekableByteChannel ch = files.open(row)) {
            long size = ch.size();
            long ftyp = boxSize(ch, 0, size, "ftyp", HEADER + 64);
            long moov = boxSize(ch, ftyp, size, "moov", SegmentRecovery.MAX_MOOV_BYTES);
            byte[] init = read(ch, 0, (int) (ftyp + moov)).array();
            List<StoredFragment> fragments = new ArrayList<>();
            long pos = ftyp + moov;
            while (pos + 2L * HEADER <= size) {
                ByteBuffer h = read(ch, pos, HEADER);
                long moofSize = Fmp4Parser.size(h, 0);
                if (!Fmp4Parser.type(h, 0).equals("moof") || moofSize > SegmentRecovery.MAX_MOOF_BYTES
                        || pos + moofSize + HEADER > size) {
                    break;
                }
                FragmentInfo info = Fmp4Parser.parseMoof(read(ch, pos, (int) moofSize));
                ByteBuffer m = read(ch, pos + moofSize, HEADER);
                long total = moofSize + Fmp4Parser.size(m, 0);
                if (!Fmp4Parser.type(m, 0).equals("mdat") || pos + total > size || !info.firstSampleSync()) {
                    break;
                }
                fragments.add(new StoredFragment(pos, (int) moofSize, total, info.sampleCount(), info.duration(),
                        startWall.plusNanos(info.baseMediaDecodeTime() * 100_000 / 9)));
                pos += total;
            }
            return new SegmentScan(init, List.copyOf(fragments));
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read segment " + row.file() + ": " + e.getMessage(), e);
        } catch (Fmp4FormatException e) {
            throw new VmsException(ErrorKind.INTERNAL, "damaged segment " + row.file() + ": " + e.getMessage(), e);
        }
    }

    private static long boxSize(SeekableByteChannel ch, long pos, long fileSize, String type, int max) throws IOException {
        if (pos + HEADER > fileSize) {
            throw new Fmp4FormatException("no '" + type + "' at " + pos);
        }
        ByteBuffer h = read(ch, pos, HEADER);
        long size = Fmp4Parser.size(h, 0);
        if (!Fmp4Parser.type(h, 0).equals(type) || size > max || pos + size > fileSize) {
            throw new Fmp4FormatException("expected '" + type + "' of at most " + max + " bytes at " + pos);
        }
        return size;
    }

    /** Reads exactly {@code n} bytes at {@code pos}. */
    static ByteBuffer read(SeekableByteChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(ch, pos, b);
        return b;
    }

    /** Fills {@code into} (position to limit) from {@code pos}, then rewinds it to where it was. */
    static void readFully(SeekableByteChannel ch, long pos, ByteBuffer into) throws IOException {
        int start = into.position();
        ch.position(pos);
        while (into.hasRemaining()) {
            if (ch.read(into) < 0) {
                throw new Fmp4FormatException("file ends inside a box at " + pos);
            }
        }
        into.position(start);
    }
}
