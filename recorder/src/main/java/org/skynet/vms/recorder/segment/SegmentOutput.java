package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.recorder.fmp4.BoxWriter;
import org.skynet.vms.recorder.fmp4.FragmentSamples;
import org.skynet.vms.recorder.fmp4.InitSegmentWriter;

/**
 * One open segment file: appends bytes, forces them when asked (each fragment when fsync is on, and
 * always once at close, so a closed file is durable), and keeps the running counters and SHA-256 (the
 * file is append-only, so the digest never needs a read-back). Not thread-safe.
 */
final class SegmentOutput {
    private static final int MAX_NAME_ATTEMPTS = 1000;

    private final String cameraId;
    private final Path path;
    private final FileChannel channel;
    private final boolean fsync;
    private final MessageDigest digest;
    private final Codec codec;
    private final int width;
    private final int height;
    private final Instant startWall;
    private long duration90k;
    private long frames;
    private int fragments;
    private long bytes;

    private SegmentOutput(String cameraId, Path path, FileChannel channel, boolean fsync, VideoParameters params,
            Instant startWall) {
        this.cameraId = cameraId;
        this.path = path;
        this.channel = channel;
        this.fsync = fsync;
        this.digest = sha256();
        this.codec = params.codec();
        this.width = params.width();
        this.height = params.height();
        this.startWall = startWall;
    }

    /**
     * Creates the file (never overwriting one) with its init segment, forcing file and directory entry
     * when fsync is on.
     */
    static SegmentOutput create(SegmentConfig config, String cameraId, VideoParameters params, Instant startWall,
            BoxWriter scratch) {
        Path path = SegmentNaming.path(config.storageRoot(), cameraId, startWall, 0);
        Path day = path.getParent();
        try {
            boolean newDay = !Files.isDirectory(day);
            Files.createDirectories(day);
            FileChannel channel = null;
            for (int attempt = 1; channel == null; attempt++) {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == MAX_NAME_ATTEMPTS) {
                        throw e;
                    }
                    path = SegmentNaming.path(config.storageRoot(), cameraId, startWall, attempt);
                }
            }
            SegmentOutput out = new SegmentOutput(cameraId, path, channel, config.fsync(), params, startWall);
            try {
                scratch.clear();
                InitSegmentWriter.write(scratch, params);
                out.append(scratch.written());
                if (config.fsync()) {
                    forceDirectory(day);
                    if (newDay) { // the day (and maybe camera) directory entries are new too
                        forceDirectory(day.getParent());
                        forceDirectory(day.getParent().getParent());
                    }
                }
            } catch (IOException | RuntimeException e) {
                out.abandon(e);
                deleteUnusable(path, e);
                throw e;
            }
            return out;
        } catch (IOException e) {
            throw new SegmentException("creating segment", path, e);
        }
    }

    /** Appends the init segment, {@code data} from position to limit, forcing it when fsync is on. */
    void append(ByteBuffer data) {
        try {
            WriteBuffer w = WriteBuffer.start(channel);
            digest.update(data.duplicate());
            w.put(data);
            written(w);
        } catch (IOException e) {
            throw new SegmentException("writing segment", path, e);
        }
    }

    /**
     * Appends one fragment, {@code header} ({@code moof} and {@code mdat} header, position to limit) and
     * then each sample's data straight from its array, in one write (see {@link WriteBuffer}), forcing it
     * when fsync is on; counts {@code samples} lasting {@code fragmentDuration90k}.
     */
    void appendFragment(ByteBuffer header, FragmentSamples samples, long fragmentDuration90k) {
        try {
            WriteBuffer w = WriteBuffer.start(channel);
            digest.update(header.duplicate());
            w.put(header);
            for (int i = 0; i < samples.count(); i++) {
                byte[] data = samples.data(i);
                digest.update(data);
                w.put(data);
            }
            written(w);
        } catch (IOException e) {
            throw new SegmentException("writing segment", path, e);
        }
        frames += samples.count();
        duration90k += fragmentDuration90k;
        fragments++;
    }

    private void written(WriteBuffer w) throws IOException {
        bytes += w.finish();
        if (fsync) {
            channel.force(false);
        }
    }

    int fragments() {
        return fragments;
    }

    SegmentFile snapshot() {
        return file(null, null);
    }

    /** Forces and closes the file and returns its final description. */
    SegmentFile close(CloseReason reason) {
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            throw new SegmentException("closing segment", path, e);
        }
        return file(HexFormat.of().formatHex(digest.digest()), reason);
    }

    /** Closes the channel after a failure, keeping the first error; the file is left for recovery. */
    void abandon(Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private SegmentFile file(String sha256, CloseReason reason) {
        return new SegmentFile(cameraId, path, codec, width, height, startWall, duration90k, frames, fragments, bytes,
                sha256, reason);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Removes a file whose init segment could not be written (a full disk would otherwise collect them). */
    private static void deleteUnusable(Path path, Exception failure) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        // Makes the new directory entry durable (Linux); the file's own force does not cover it.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
