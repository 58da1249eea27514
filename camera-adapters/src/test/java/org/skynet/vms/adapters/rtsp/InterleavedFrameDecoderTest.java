package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class InterleavedFrameDecoderTest {

    /** A response whose body looks like an interleaved frame: only Content-Length tells them apart. */
    private static final String DOLLAR_BODY = "RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Length: 12\r\n\r\n$\u0000\u0000\u0004abcdefgh";

    /** Two frames around a response with a body, then a response without one. */
    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(frame(0, new byte[] {(byte) 0x80, 96, 0, 1, 9, 9}));
        out.writeBytes(DOLLAR_BODY.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(frame(1, new byte[] {(byte) 0x80, (byte) 200, 0, 6}));
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII)); // stray CRLF between messages
        out.writeBytes(Golden.response("reolink_play.txt", 5).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(frame(0, new byte[0]));
        return out.toByteArray();
    }

    private static byte[] frame(int channel, byte[] payload) {
        byte[] f = new byte[4 + payload.length];
        f[0] = '$';
        f[1] = (byte) channel;
        f[2] = (byte) (payload.length >> 8);
        f[3] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 4, payload.length);
        return f;
    }

    /** What the decoder emits, as strings: "frame ch=N len=M" or the RTSP text. */
    private static List<String> decode(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            if (msg instanceof InterleavedFrame f) {
                out.add("frame ch=" + f.channel() + " len=" + f.payload().readableBytes());
                f.release();
            } else {
                ByteBuf b = (ByteBuf) msg;
                out.add(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
        }
        return out;
    }

    private static List<String> expected() {
        return List.of("frame ch=0 len=6", DOLLAR_BODY, "frame ch=1 len=4",
                Golden.response("reolink_play.txt", 5), "frame ch=0 len=0");
    }

    @Test
    void wholeStream() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(stream()));
        assertEquals(expected(), decode(ch));
        assertFalse(ch.finish());
    }

    @Test
    void splitAtEveryPosition() {
        byte[] s = stream();
        for (int i = 1; i < s.length; i++) {
            EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
            ch.writeInbound(Unpooled.wrappedBuffer(s, 0, i));
            ch.writeInbound(Unpooled.wrappedBuffer(s, i, s.length - i));
            assertEquals(expected(), decode(ch), "split at " + i);
            assertFalse(ch.finish());
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] s = stream();
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        for (byte b : s) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertEquals(expected(), decode(ch));
        assertFalse(ch.finish());
    }

    @Test
    void goldenDescribeWithSdpBodyOneByteAtATime() {
        byte[] describe = Golden.response("hikvision_describe.txt", 3).getBytes(StandardCharsets.ISO_8859_1);
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        for (byte b : describe) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        ch.writeInbound(Unpooled.wrappedBuffer(frame(2, new byte[] {1, 2, 3})));
        assertEquals(List.of(new String(describe, StandardCharsets.ISO_8859_1), "frame ch=2 len=3"), decode(ch));
        assertFalse(ch.finish());
    }

    @Test
    void bareLfHeadersAreAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 200 OK\nCSeq: 1\n\n", StandardCharsets.US_ASCII));
        assertEquals(List.of("RTSP/1.0 200 OK\nCSeq: 1\n\n"), decode(ch));
        assertFalse(ch.finish());
    }

    @Test
    void oversizeFrameFailsWithProtocolAndDiscardsTheRest() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(1024, 1024, 100));
        assertProtocolError(ch, Unpooled.wrappedBuffer(frame(0, new byte[101])), "exceeds the limit of 100");
        ch.writeInbound(Unpooled.wrappedBuffer(frame(0, new byte[4])));
        assertNull(ch.readInbound(), "nothing decoded after a failure");
        assertFalse(ch.finish());
    }

    @Test
    void endlessHeadersFailOnceOverTheLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(256, 1024, 1024));
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\n", StandardCharsets.US_ASCII));
        for (int i = 0; i < 10; i++) {
            ch.writeInbound(Unpooled.copiedBuffer("X-Pad: aaaaaaaaaaaa\r\n", StandardCharsets.US_ASCII));
        }
        assertProtocolError(ch, Unpooled.copiedBuffer("X-Pad: " + "a".repeat(60) + "\r\n", StandardCharsets.US_ASCII),
                "RTSP headers exceed 256 bytes");
        assertFalse(ch.finish());
    }

    @Test
    void oversizeBodyIsRefusedBeforeItArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(1024, 1000, 1024));
        assertProtocolError(ch, Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 1001\r\n\r\n",
                StandardCharsets.US_ASCII), "RTSP body of 1001 bytes exceeds 1000 bytes");
        assertFalse(ch.finish());
    }

    @Test
    void malformedContentLength() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        assertProtocolError(ch, Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n",
                StandardCharsets.US_ASCII), "malformed Content-Length");
        assertFalse(ch.finish());
    }

    @Test
    void garbageFailsWithOffsetAndHexDump() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(frame(0, new byte[3])));
        InterleavedFrame first = ch.readInbound();
        assertEquals(0, first.channel());
        first.release();
        RtspException e = assertProtocolError(ch, Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 96, 0, 1}),
                "at stream offset 7");
        assertTrue(e.getMessage().contains("80600001"), e.getMessage());
        assertFalse(ch.finish());
    }

    @Test
    void rejectsImpossibleLimits() {
        assertThrows(IllegalArgumentException.class, () -> new InterleavedFrameDecoder(1024, 1024, 70_000));
    }

    /** Writes {@code bad} and expects exactly one PROTOCOL error naming {@code fragment}, and no output. */
    private static RtspException assertProtocolError(EmbeddedChannel ch, ByteBuf bad, String fragment) {
        RtspException e = assertThrows(RtspException.class, () -> ch.writeInbound(bad));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertNull(ch.readInbound());
        return e;
    }
}
