package org.skynet.vms.recorder.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.errors.ErrorKind;

/**
 * Decodes one picture for a snapshot: a keyframe access unit (H.264 or H.265, its parameter sets
 * prepended) or a JPEG, with FFmpeg's libavcodec. The result is the picture's size, its luma
 * statistics (to tell a black or uniform picture) and a JPEG thumbnail at most
 * {@link #thumbnailMaxWidth()} pixels wide.
 *
 * <p>Threading: the {@code ...Async} methods run on the executor given to the constructor, which must
 * not be a Netty event loop (a 1080p decode takes 10–30 ms of CPU); use {@link #newExecutor(int)}.
 * The {@code ...Now} methods decode on the calling thread. Thread-safe: every decode has its own
 * codec context.
 *
 * <p>Limits: input over {@code maxInputBytes} and pictures over {@code maxPixels} are refused with
 * {@code LIMIT_EXCEEDED}; bytes that do not decode are {@code PROTOCOL}. Luma statistics are computed
 * on the thumbnail-sized picture (area-averaged), which keeps them cheap and barely changes them.
 */
public final class KeyframeDecoder {
    /** Default largest input: 16 MiB (a 4K keyframe is a few MiB). */
    public static final int DEFAULT_MAX_INPUT_BYTES = 16 << 20;
    /** Default largest picture: 8192 x 4320 pixels. */
    public static final int DEFAULT_MAX_PIXELS = 8192 * 4320;
    /** Default thumbnail width limit in pixels. */
    public static final int DEFAULT_THUMBNAIL_MAX_WIDTH = 640;

    private static final byte[] START_CODE = {0, 0, 0, 1};

    private final Executor executor;
    private final int maxInputBytes;
    private final int maxPixels;
    private final int thumbnailMaxWidth;

    /** A decoder with the default limits. */
    public KeyframeDecoder(Executor executor) {
        this(executor, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_THUMBNAIL_MAX_WIDTH);
    }

    /**
     * @param executor where {@code ...Async} decodes run; never an event loop
     * @param maxInputBytes largest access unit or JPEG accepted
     * @param maxPixels largest picture (width × height) accepted
     * @param thumbnailMaxWidth thumbnail width limit in pixels
     */
    public KeyframeDecoder(Executor executor, int maxInputBytes, int maxPixels, int thumbnailMaxWidth) {
        if (maxInputBytes <= 0 || maxPixels <= 0 || thumbnailMaxWidth <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.executor = executor;
        this.maxInputBytes = maxInputBytes;
        this.maxPixels = maxPixels;
        this.thumbnailMaxWidth = thumbnailMaxWidth;
    }

    /**
     * A bounded pool of daemon threads named {@code vms-snapshot-N} for decoding: {@code threads}
     * workers and a queue of 4096 decodes; beyond that a decode fails with {@code LIMIT_EXCEEDED}.
     */
    public static ExecutorService newExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4096), r -> {
            Thread t = new Thread(r, "vms-snapshot-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Thumbnail width limit in pixels. */
    public int thumbnailMaxWidth() {
        return thumbnailMaxWidth;
    }

    /** {@link #decodeKeyframeNow} on the executor. */
    public CompletableFuture<DecodedPicture> decodeKeyframeAsync(AccessUnit keyframe) {
        return async(() -> decodeKeyframeNow(keyframe));
    }

    /** {@link #decodeJpegNow} on the executor. */
    public CompletableFuture<DecodedPicture> decodeJpegAsync(byte[] jpeg) {
        return async(() -> decodeJpegNow(jpeg));
    }

    /**
     * Decodes a keyframe on the calling thread. The unit's parameter sets (VPS, SPS, PPS) are put in
     * front, so units whose parameter sets came only in the SDP decode too.
     *
     * @throws SnapshotException INVALID_ARGUMENT for a unit that is not a keyframe, see the class for the rest
     */
    public DecodedPicture decodeKeyframeNow(AccessUnit keyframe) {
        if (!keyframe.keyframe()) {
            throw new SnapshotException(ErrorKind.INVALID_ARGUMENT, "a snapshot needs a keyframe, got " + keyframe);
        }
        byte[] stream = annexB(keyframe);
        String what = keyframe.codec() + " keyframe of " + stream.length + " bytes";
        int codecId = keyframe.codec() == Codec.H264 ? AV_CODEC_ID_H264 : AV_CODEC_ID_HEVC;
        return decode(codecId, what, stream, 0);
    }

    /**
     * Decodes a JPEG on the calling thread. A JPEG at least twice the thumbnail width is decoded at
     * 1/2, 1/4 or 1/8 of its size (IDCT scaling), which is several times cheaper and does not change
     * the thumbnail; the reported size is the JPEG's own.
     */
    public DecodedPicture decodeJpegNow(byte[] jpeg) {
        int[] size = JpegHeader.size(jpeg);
        int lowres = size == null ? 0 : JpegHeader.lowres(size[0], thumbnailMaxWidth);
        return decode(AV_CODEC_ID_MJPEG, "JPEG of " + jpeg.length + " bytes", jpeg, lowres);
    }

    private DecodedPicture decode(int codecId, String what, byte[] input, int lowres) {
        if (input.length > maxInputBytes) {
            throw new SnapshotException(ErrorKind.LIMIT_EXCEEDED, what + " is over the " + maxInputBytes
                    + "-byte limit");
        }
        if (input.length == 0) {
            throw new SnapshotException(ErrorKind.PROTOCOL, what + ": empty");
        }
        FfmpegPictureDecoder.Scaled s;
        try {
            s = FfmpegPictureDecoder.decode(codecId, what, input, lowres, maxPixels, thumbnailMaxWidth);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new SnapshotException(ErrorKind.INTERNAL, "FFmpeg native libraries could not be loaded: " + e, e);
        }
        LumaStats luma = LumaStats.ofBgr(s.bgr(), s.width(), s.height(), s.stride());
        return new DecodedPicture(s.sourceWidth(), s.sourceHeight(), luma,
                Thumbnails.jpeg(s.bgr(), s.width(), s.height(), s.stride()));
    }

    private CompletableFuture<DecodedPicture> async(Supplier<DecodedPicture> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new SnapshotException(ErrorKind.LIMIT_EXCEEDED,
                    "too many snapshot decodes queued", e));
        }
    }

    static byte[] annexB(AccessUnit unit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(unit.sizeBytes() + 256);
        VideoParameters p = unit.parameters();
        if (p != null) {
            for (List<byte[]> sets : List.of(p.vps(), p.sps(), p.pps())) {
                for (byte[] nal : sets) {
                    out.writeBytes(START_CODE);
                    out.writeBytes(nal);
                }
            }
        }
        out.writeBytes(unit.toAnnexB());
        return out.toByteArray();
    }
}
