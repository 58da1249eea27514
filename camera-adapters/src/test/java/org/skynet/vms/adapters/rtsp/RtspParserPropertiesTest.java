package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.skynet.vms.errors.ErrorKind;

/** Robustness and splitting properties of the RTSP parsers (STYLE.md §7); named *Test so Surefire runs it. */
class RtspParserPropertiesTest {

    private static final byte[] VALID = (Golden.response("hikvision_describe_401.txt", 2)
            + "$\u0000\u0000\u0003abc" + Golden.response("dahua_setup.txt", 3) + "$\u0001\u0000\u0000")
            .getBytes(StandardCharsets.ISO_8859_1);

    /** Decodes {@code chunks}; returns a summary of what came out, or "PROTOCOL" on a reported failure. */
    private static List<String> decode(List<byte[]> chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(512, 512, 512));
        List<String> out = new ArrayList<>();
        try {
            for (byte[] c : chunks) {
                ch.writeInbound(Unpooled.wrappedBuffer(c));
            }
        } catch (RtspException e) {
            assertEquals(ErrorKind.PROTOCOL, e.kind());
            out.add("PROTOCOL");
        }
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            if (msg instanceof InterleavedFrame f) {
                out.add(0, "frame " + f.channel() + "/" + f.payload().readableBytes());
                f.release();
            } else {
                out.add(0, ((ByteBuf) msg).toString(StandardCharsets.ISO_8859_1));
                ((ByteBuf) msg).release();
            }
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Property(tries = 300)
    void anySplitGivesTheSameMessages(@ForAll @IntRange(min = 0, max = 10_000) int a,
            @ForAll @IntRange(min = 0, max = 10_000) int b) {
        int first = Math.min(a, b) % (VALID.length + 1);
        int second = Math.max(first, Math.max(a, b) % (VALID.length + 1));
        List<byte[]> chunks = List.of(Arrays.copyOfRange(VALID, 0, first),
                Arrays.copyOfRange(VALID, first, second),
                Arrays.copyOfRange(VALID, second, VALID.length));
        assertEquals(decode(List.of(VALID)), decode(chunks));
    }

    @Property(tries = 500)
    void randomBytesNeverThrowAnythingButProtocol(@ForAll @Size(max = 2000) byte[] bytes) {
        List<String> out = decode(List.of(bytes));
        long emitted = out.stream().filter(s -> !s.equals("PROTOCOL")).count();
        assertTrue(emitted <= bytes.length / 4 + 1);
    }

    @Property(tries = 300)
    void transportHeaderRoundTrip(@ForAll @IntRange(max = 65534) int clientRtp,
            @ForAll @IntRange(max = 254) int channel, @ForAll boolean tcp) {
        TransportHeader t = tcp ? TransportHeader.interleaved(new TransportHeader.PortPair(channel, channel + 1))
                : TransportHeader.udp(new TransportHeader.PortPair(clientRtp, clientRtp + 1));
        assertEquals(t, TransportHeader.parse(t.format()));
    }

    @Property(tries = 500)
    void headerParsersEitherParseOrSayProtocol(@ForAll @StringLength(max = 300) String value) {
        for (Runnable parse : List.<Runnable>of(() -> TransportHeader.parse("RTP/AVP;" + value),
                () -> SessionHeader.parse(value), () -> AuthChallenge.parseAll("Digest " + value))) {
            try {
                parse.run();
            } catch (RtspException e) {
                assertEquals(ErrorKind.PROTOCOL, e.kind());
            }
        }
    }
}
