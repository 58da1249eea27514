package org.skynet.vms.adapters.rtsp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.errors.ErrorKind;

/**
 * Coverage-guided fuzzing of the RTSP read path (docs/design/fuzzing.md): our
 * {@link InterleavedFrameDecoder} and Netty's {@link RtspDecoder} and {@link HttpObjectAggregator},
 * with the limits {@link RtspClientInitializer} uses, on an {@link EmbeddedChannel}; then every
 * response is copied and its headers and SDP go through our parsers. Any byte stream, whole or split,
 * gives messages (possibly marked failed) or one PROTOCOL {@link RtspException}; nothing else, no
 * leak, no hang.
 */
class RtspResponseFuzzTest {
    private static final String REQUEST_URL = "rtsp://192.0.2.10/Streaming/Channels/101";

    static Stream<byte[]> seeds() {
        return Stream.of("hikvision_describe.txt", "dahua_setup.txt", "hikvision_describe_401.txt",
                "rfc7616_describe_401.txt", "reolink_play.txt", "spacing_setup.txt")
                .map(name -> (Golden.response(name, 2) + "$\u0000\u0000\u0004abcd")
                        .getBytes(StandardCharsets.ISO_8859_1));
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "5m")
    void decodeAnyServerBytes(byte[] input) {
        decode(input, input.length);
        decode(input, 1 + input.length % 13);
    }

    /** Feeds {@code input} in chunks of {@code chunkBytes} and checks everything that comes out. */
    private static void decode(byte[] input, int chunkBytes) {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameDecoder(),
                new RtspDecoder(RtspClientInitializer.MAX_INITIAL_LINE_BYTES,
                        InterleavedFrameDecoder.DEFAULT_MAX_HEADER_BYTES, InterleavedFrameDecoder.DEFAULT_MAX_BODY_BYTES),
                new HttpObjectAggregator(InterleavedFrameDecoder.DEFAULT_MAX_BODY_BYTES));
        try {
            for (int from = 0; from < input.length; from += chunkBytes) {
                ch.writeInbound(Unpooled.wrappedBuffer(
                        Arrays.copyOfRange(input, from, Math.min(input.length, from + chunkBytes))));
                drain(ch);
            }
        } catch (RtspException e) {
            if (e.kind() != ErrorKind.PROTOCOL) {
                throw e;
            }
        } finally {
            drain(ch);
            ch.finishAndReleaseAll();
        }
    }

    private static void drain(EmbeddedChannel ch) {
        Object msg;
        while ((msg = ch.readInbound()) != null) {
            try {
                if (msg instanceof FullHttpResponse r && r.decoderResult().isSuccess()) {
                    parseHeaders(RtspResponse.of(r));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** What the session and its phases read from a response; each may refuse it with an RtspException. */
    private static void parseHeaders(RtspResponse response) {
        response.statusLine();
        response.publicMethods();
        try {
            if (response.header("Session") != null) {
                SessionHeader.parse(response.header("Session"));
            }
        } catch (RtspException expected) {
            requireProtocol(expected);
        }
        try {
            if (response.header("Transport") != null) {
                TransportHeader.parse(response.header("Transport"));
            }
        } catch (RtspException expected) {
            requireProtocol(expected);
        }
        for (String challenge : response.headers("WWW-Authenticate")) {
            try {
                AuthChallenge.parseAll(challenge);
            } catch (RtspException expected) {
                requireProtocol(expected);
            }
        }
        try {
            RtspConnection.sessionDescription(response, REQUEST_URL);
        } catch (RtspException expected) {
            requireProtocol(expected);
        }
    }

    private static void requireProtocol(RtspException e) {
        if (e.kind() != ErrorKind.PROTOCOL) {
            throw e;
        }
    }
}
