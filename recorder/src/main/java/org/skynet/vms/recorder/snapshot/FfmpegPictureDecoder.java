package org.skynet.vms.recorder.snapshot;

import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_make_error_string;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.skynet.vms.errors.ErrorKind;

/**
 * The native part: one coded picture (Annex-B H.264/H.265 with parameter sets, or a JPEG) through
 * libavcodec, then libswscale down to packed BGR at thumbnail size. Each call allocates and frees its
 * own codec context, so calls on different threads are independent. Blocking CPU work: call from a
 * dedicated executor only.
 */
final class FfmpegPictureDecoder {
    /** Rows are padded to this many bytes, as libswscale's SIMD paths like. */
    private static final int ROW_ALIGN = 32;
    private static final int AVERROR_EAGAIN = -11;

    static {
        // FFmpeg logs every concealed error to stderr; a camera's garbage is reported through our exceptions.
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    /** A picture scaled to packed BGR. */
    record Scaled(int sourceWidth, int sourceHeight, int width, int height, int stride, byte[] bgr) {
    }

    private FfmpegPictureDecoder() {
    }

    /**
     * Decodes {@code packet} as one picture of {@code codecId} and scales it to at most
     * {@code maxWidth} pixels wide (aspect kept, never enlarged).
     *
     * @param lowres decode at 1/2^lowres of the size (0 = full; only the JPEG decoder supports it)
     * @param maxPixels pictures larger than this are refused by the decoder ({@code LIMIT_EXCEEDED})
     * @throws SnapshotException PROTOCOL when no picture comes out, LIMIT_EXCEEDED for a huge one,
     *     UNSUPPORTED for a pixel format libswscale cannot convert
     */
    static Scaled decode(int codecId, String what, byte[] packet, int lowres, int maxPixels, int maxWidth) {
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null || codec.isNull()) {
            throw new SnapshotException(ErrorKind.UNSUPPORTED, "FFmpeg has no decoder for " + what);
        }
        AVCodecContext ctx = avcodec_alloc_context3(codec);
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            ctx.thread_count(1);
            ctx.max_pixels(maxPixels);
            ctx.lowres(lowres);
            check(avcodec_open2(ctx, codec, (PointerPointer<?>) null), what, "opening the decoder");
            check(av_new_packet(pkt, packet.length), what, "allocating the packet");
            pkt.data().put(packet, 0, packet.length);
            int sent = avcodec_send_packet(ctx, pkt);
            if (sent < 0) {
                throw new SnapshotException(ErrorKind.PROTOCOL, what + ": not decodable (" + error(sent) + ")");
            }
            avcodec_send_packet(ctx, (AVPacket) null);
            int r = avcodec_receive_frame(ctx, frame);
            if (r == AVERROR_EAGAIN || r == AVERROR_EOF || r < 0) {
                String why = r == AVERROR_EAGAIN || r == AVERROR_EOF ? "no picture came out" : error(r);
                throw new SnapshotException(ErrorKind.PROTOCOL, what + ": not decodable (" + why + ")");
            }
            if (((long) frame.width() << lowres) * (frame.height() << lowres) > maxPixels) {
                throw new SnapshotException(ErrorKind.LIMIT_EXCEEDED, what + ": picture of " + frame.width() + "x"
                        + frame.height() + " is over the " + maxPixels + "-pixel limit");
            }
            return scale(frame, what, lowres, maxWidth);
        } finally {
            av_frame_free(frame);
            av_packet_free(pkt);
            avcodec_free_context(ctx);
        }
    }

    private static Scaled scale(AVFrame frame, String what, int lowres, int maxWidth) {
        int w = frame.width();
        int h = frame.height();
        if (w <= 0 || h <= 0) {
            throw new SnapshotException(ErrorKind.PROTOCOL, what + ": decoder gave an empty picture");
        }
        int tw = Math.min(w, maxWidth);
        int th = Math.max(1, (int) Math.round((double) h * tw / w));
        SwsContext sws = sws_getContext(w, h, frame.format(), tw, th, AV_PIX_FMT_BGR24, SWS_AREA, null, null,
                (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            throw new SnapshotException(ErrorKind.UNSUPPORTED, what + ": cannot convert pixel format "
                    + frame.format());
        }
        int stride = (tw * 3 + ROW_ALIGN - 1) / ROW_ALIGN * ROW_ALIGN;
        // Extra row of slack: SIMD code may touch a few bytes past the last row.
        try (BytePointer out = new BytePointer((long) stride * (th + 1));
                PointerPointer<BytePointer> dst = new PointerPointer<>(4);
                IntPointer dstStride = new IntPointer(stride, 0, 0, 0)) {
            dst.put(0, out);
            int rows = sws_scale(sws, frame.data(), frame.linesize(), 0, h, dst, dstStride);
            if (rows != th) {
                throw new SnapshotException(ErrorKind.PROTOCOL, what + ": scaling gave " + rows + " rows, not " + th);
            }
            byte[] bgr = new byte[stride * th];
            out.get(bgr);
            return new Scaled(w << lowres, h << lowres, tw, th, stride, bgr);
        } finally {
            sws_freeContext(sws);
        }
    }

    private static void check(int ret, String what, String step) {
        if (ret < 0) {
            throw new SnapshotException(ErrorKind.INTERNAL, what + ": FFmpeg failed " + step + " (" + error(ret) + ")");
        }
    }

    private static String error(int ret) {
        byte[] buf = new byte[128];
        av_make_error_string(buf, buf.length, ret);
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
