package org.skynet.vms.adapters.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream of an RTSP connection into {@link InterleavedFrame}s ({@code '$'}-prefixed
 * RTP/RTCP, RFC 2326 §10.12) and whole RTSP messages, each passed on as one {@link ByteBuf} for
 * Netty's {@code RtspDecoder}. Netty's decoder does not know about interleaved data, and a {@code '$'}
 * can only be recognised at a message boundary, so this stage finds the boundaries itself: the blank
 * line after the headers and the {@code Content-Length} of the body.
 *
 * <p>Bounded: an RTSP header block larger than {@code maxHeaderBytes}, a body larger than
 * {@code maxBodyBytes}, a frame larger than {@code maxFrameBytes}, or a byte that starts neither a
 * frame nor a message, fires one {@link RtspException} of kind {@code PROTOCOL} (with the stream
 * offset and a hex dump) and discards everything that follows; the session handler then closes the
 * connection. The decoder never throws on peer input.
 *
 * <p>Lenient on purpose: stray CR/LF bytes between messages (sent by some Dahua and Uniview firmware
 * after a body) are skipped, and a header block ended by a bare {@code LF LF} is accepted.
 */
public final class InterleavedFrameDecoder extends ByteToMessageDecoder {
    /** Default limit on the status line plus headers of one RTSP message. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Default limit on one RTSP body (an SDP is a few kB; cameras with many tracks stay far below). */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;
    /** Default limit on one interleaved frame: what the 16-bit length field allows. */
    public static final int DEFAULT_MAX_FRAME_BYTES = InterleavedFrame.MAX_PAYLOAD_BYTES;

    private static final int HEX_DUMP_BYTES = 16;
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private final int maxFrameBytes;

    /** Bytes of the current RTSP message already searched for the end of the headers. */
    private int scannedHeaderBytes;
    /** Header length of the current RTSP message once its end was found, else -1. */
    private int headerBytes = -1;
    private int bodyBytes;
    /** Bytes consumed since the connection started, for error messages. */
    private long streamOffset;
    private boolean failed;

    /** A decoder with the documented default limits. */
    public InterleavedFrameDecoder() {
        this(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * @param maxHeaderBytes limit on an RTSP start line plus headers, blank line included
     * @param maxBodyBytes   limit on an RTSP body ({@code Content-Length})
     * @param maxFrameBytes  limit on an interleaved frame's payload, at most 65535
     */
    public InterleavedFrameDecoder(int maxHeaderBytes, int maxBodyBytes, int maxFrameBytes) {
        if (maxHeaderBytes < 16 || maxBodyBytes < 0 || maxFrameBytes < 1
                || maxFrameBytes > InterleavedFrame.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("bad limits: header " + maxHeaderBytes + ", body " + maxBodyBytes
                    + ", frame " + maxFrameBytes);
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (headerBytes < 0 && scannedHeaderBytes == 0) {
            skipLineBreaks(in);
            if (!in.isReadable()) {
                return;
            }
        }
        byte first = in.getByte(in.readerIndex());
        if (first == '$') {
            decodeFrame(ctx, in, out);
        } else if (isTokenStart(first)) {
            decodeMessage(ctx, in, out);
        } else {
            fail(ctx, in, "expected '$' or an RTSP message");
        }
    }

    private void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < InterleavedFrame.HEADER_BYTES) {
            return;
        }
        int start = in.readerIndex();
        int channel = in.getUnsignedByte(start + 1);
        int length = in.getUnsignedShort(start + 2);
        if (length > maxFrameBytes) {
            fail(ctx, in, "interleaved frame of " + length + " bytes on channel " + channel + " exceeds the limit of "
                    + maxFrameBytes);
            return;
        }
        if (in.readableBytes() < InterleavedFrame.HEADER_BYTES + length) {
            return;
        }
        in.skipBytes(InterleavedFrame.HEADER_BYTES);
        out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
        streamOffset += InterleavedFrame.HEADER_BYTES + length;
    }

    private void decodeMessage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (headerBytes < 0) {
            int end = findHeaderEnd(in);
            if (end < 0) {
                if (in.readableBytes() > maxHeaderBytes) {
                    fail(ctx, in, "RTSP headers exceed " + maxHeaderBytes + " bytes");
                }
                return;
            }
            if (end > maxHeaderBytes) {
                fail(ctx, in, "RTSP headers of " + end + " bytes exceed " + maxHeaderBytes + " bytes");
                return;
            }
            long length = contentLength(in, in.readerIndex(), end);
            if (length < 0) {
                fail(ctx, in, "malformed Content-Length");
                return;
            }
            if (length > maxBodyBytes) {
                fail(ctx, in, "RTSP body of " + length + " bytes exceeds " + maxBodyBytes + " bytes");
                return;
            }
            headerBytes = end;
            bodyBytes = (int) length;
        }
        int total = headerBytes + bodyBytes;
        if (in.readableBytes() < total) {
            return;
        }
        out.add(in.readRetainedSlice(total));
        streamOffset += total;
        headerBytes = -1;
        scannedHeaderBytes = 0;
    }

    /** Length of the header block including its blank line, or -1 if it has not ended yet. */
    private int findHeaderEnd(ByteBuf in) {
        int start = in.readerIndex();
        int limit = in.writerIndex();
        for (int i = start + scannedHeaderBytes; i < limit; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            boolean bareLf = i - 1 >= start && in.getByte(i - 1) == '\n';
            boolean crLf = i - 2 >= start && in.getByte(i - 1) == '\r' && in.getByte(i - 2) == '\n';
            if (bareLf || crLf) {
                return i + 1 - start;
            }
        }
        scannedHeaderBytes = limit - start;
        return -1;
    }

    /**
     * The value of the first {@code Content-Length} header in the {@code length} header bytes at
     * {@code from}, 0 when
     * there is none (RTSP, unlike HTTP, has no body without it), or -1 when it is not a number.
     */
    private static long contentLength(ByteBuf in, int from, int length) {
        int lineStart = from;
        for (int i = from; i < from + length; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            if (startsWithIgnoreCase(in, lineStart, i, CONTENT_LENGTH)) {
                return parseHeaderNumber(in, lineStart + CONTENT_LENGTH.length, i);
            }
            lineStart = i + 1;
        }
        return 0;
    }

    private static boolean startsWithIgnoreCase(ByteBuf in, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (Character.toLowerCase((char) in.getByte(from + k)) != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code [spaces] ':' [spaces] digits [spaces]} up to {@code to}; -1 if malformed. */
    private static long parseHeaderNumber(ByteBuf in, int from, int to) {
        int i = skipBlanks(in, from, to);
        if (i >= to || in.getByte(i) != ':') {
            return -1;
        }
        i = skipBlanks(in, i + 1, to);
        long value = 0;
        int digits = 0;
        for (; i < to && Character.isDigit((char) in.getByte(i)); i++, digits++) {
            value = value * 10 + (in.getByte(i) - '0');
            if (digits > 9) {
                return -1;
            }
        }
        return digits > 0 && skipBlanks(in, i, to) == to ? value : -1;
    }

    private static int skipBlanks(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to && (in.getByte(i) == ' ' || in.getByte(i) == '\t' || in.getByte(i) == '\r')) {
            i++;
        }
        return i;
    }

    private void skipLineBreaks(ByteBuf in) {
        while (in.isReadable() && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
            in.skipBytes(1);
            streamOffset++;
        }
    }

    private static boolean isTokenStart(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        String dump = ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(HEX_DUMP_BYTES, in.readableBytes()));
        String message = reason + " at stream offset " + streamOffset + " (bytes: " + dump + ")";
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(RtspException.protocol(message));
    }
}
