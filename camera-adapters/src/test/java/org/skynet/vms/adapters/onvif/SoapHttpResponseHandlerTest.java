package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

/** The response stage of the transport pipeline on {@link EmbeddedChannel}, whole and split at every byte. */
class SoapHttpResponseHandlerTest {
    private static final byte[] BODY = OnvifTestData.bytes("dahua_GetStreamUri.xml");
    private static final byte[] RESPONSE = concat(("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"r\", "
            + "nonce=\"n\"\r\nContent-Length: " + BODY.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), BODY);

    @Test
    void wholeResponse() {
        assertResponse(feed(RESPONSE.length));
    }

    @Test
    void splitAtEveryByte() {
        for (int split = 1; split < RESPONSE.length; split++) {
            assertResponse(feed(split));
        }
    }

    @Test
    void oversizedBodyIsLimitExceeded() {
        CompletableFuture<SoapHttpResponse> result = new CompletableFuture<>();
        EmbeddedChannel ch = channel(result, 100);
        ch.writeInbound(Unpooled.wrappedBuffer(RESPONSE));
        assertEquals(ErrorKind.LIMIT_EXCEEDED, failure(result).kind());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void garbageIsProtocol() {
        CompletableFuture<SoapHttpResponse> result = new CompletableFuture<>();
        EmbeddedChannel ch = channel(result, 1 << 20);
        ch.writeInbound(Unpooled.wrappedBuffer("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(ErrorKind.PROTOCOL, failure(result).kind());
        ch.finishAndReleaseAll();
    }

    @Test
    void closeBeforeTheEndIsUnreachable() {
        CompletableFuture<SoapHttpResponse> result = new CompletableFuture<>();
        EmbeddedChannel ch = channel(result, 1 << 20);
        ch.writeInbound(Unpooled.wrappedBuffer(RESPONSE, 0, RESPONSE.length - 10));
        ch.close();
        OnvifException e = failure(result);
        assertTrue(e.kind() == ErrorKind.UNREACHABLE || e.kind() == ErrorKind.PROTOCOL, e.getMessage());
        ch.finishAndReleaseAll();
    }

    private static void assertResponse(CompletableFuture<SoapHttpResponse> result) {
        SoapHttpResponse r = result.join();
        assertEquals(401, r.status());
        assertEquals(Optional.of("Digest realm=\"r\", nonce=\"n\""), r.wwwAuthenticate());
        assertArrayEquals(BODY, r.body());
    }

    private static CompletableFuture<SoapHttpResponse> feed(int split) {
        CompletableFuture<SoapHttpResponse> result = new CompletableFuture<>();
        EmbeddedChannel ch = channel(result, 1 << 20);
        ch.writeInbound(Unpooled.wrappedBuffer(RESPONSE, 0, split));
        if (split < RESPONSE.length) {
            ch.writeInbound(Unpooled.wrappedBuffer(RESPONSE, split, RESPONSE.length - split));
        }
        assertFalse(ch.finish(), "nothing left in the pipeline");
        return result;
    }

    private static EmbeddedChannel channel(CompletableFuture<SoapHttpResponse> result, int maxBytes) {
        return new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(maxBytes),
                new SoapHttpResponseHandler(result, "POST http://192.0.2.1/onvif/device_service"));
    }

    private static OnvifException failure(CompletableFuture<?> f) {
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, f::join);
        return assertInstanceOf(OnvifException.class, e.getCause());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
