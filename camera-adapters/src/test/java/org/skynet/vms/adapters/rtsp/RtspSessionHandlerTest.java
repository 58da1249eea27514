package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

/** The whole client pipeline on an {@link EmbeddedChannel}, answered with golden responses. */
class RtspSessionHandlerTest {
    private static final String URL = "rtsp://192.0.2.10:554/Streaming/Channels/102";

    private EmbeddedRtsp rtsp;
    private EmbeddedChannel ch;
    private RtspSessionHandler handler;

    @BeforeEach
    void setUp() {
        rtsp = new EmbeddedRtsp("rtsp://admin:secret@192.0.2.10:554/Streaming/Channels/102");
        ch = rtsp.channel;
        handler = rtsp.handler;
    }

    @AfterEach
    void releaseLeftovers() {
        rtsp.close();
    }

    private String written() {
        return rtsp.written();
    }

    private void answer(String golden, long cseq) {
        rtsp.answer(golden, cseq);
    }

    private static RtspException failure(CompletableFuture<?> f) {
        assertTrue(f.isDone(), "future must be done");
        CompletionException e = assertThrows(CompletionException.class, f::join);
        return (RtspException) e.getCause();
    }

    @Test
    void optionsCarriesCSeqAndUserAgentAndNoCredentials() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        String req = written();
        assertTrue(req.startsWith("OPTIONS " + URL + " RTSP/1.0\r\n"), req);
        assertTrue(req.contains("CSeq: 1\r\n"), req);
        assertTrue(req.contains("User-Agent: " + RtspSessionHandler.USER_AGENT), req);
        assertFalse(req.contains("secret") || req.contains("Authorization"), req);
        answer("axis_options.txt", 1);
        assertTrue(f.join().publicMethods().contains("GET_PARAMETER"));
        assertFalse(ch.finish());
    }

    @Test
    void responsesAreMatchedByCSeqInAnyOrder() {
        CompletableFuture<RtspResponse> first = handler.send(RtspRequest.of("OPTIONS", URL));
        CompletableFuture<RtspResponse> second = handler.send(RtspRequest.of("OPTIONS", URL));
        written();
        answer("hikvision_options.txt", 2);
        assertTrue(second.isDone());
        assertFalse(first.isDone());
        answer("axis_options.txt", 1);
        assertEquals("GStreamer RTSP server", first.join().header("server"));
    }

    @Test
    void lateResponseForUnknownCSeqIsIgnored() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        answer("axis_options.txt", 99);
        assertFalse(f.isDone());
        assertTrue(ch.isActive());
    }

    @Test
    void digestChallengeIsAnsweredWithANewCSeq() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("DESCRIBE", URL).with("Accept",
                "application/sdp"));
        written();
        answer("hikvision_describe_401.txt", 1);
        String retry = written();
        assertTrue(retry.startsWith("DESCRIBE " + URL + " RTSP/1.0"), retry);
        assertTrue(retry.contains("CSeq: 2\r\n"), retry);
        assertTrue(retry.contains("Authorization: Digest username=\"admin\", realm=\"IP Camera(C2183)\", "
                + "nonce=\"4f1d9a2b7c3e8f60a1b2c3d4e5f60718\", uri=\"" + URL + "\", response=\""), retry);
        assertFalse(retry.contains("secret"), retry);
        answer("hikvision_describe.txt", 2);
        RtspResponse r = f.join();
        assertTrue(r.body().contains("sprop-parameter-sets="), r.body());
        assertEquals("rtsp://192.0.2.10:554/Streaming/Channels/102/", r.header("Content-Base"));
    }

    @Test
    void staleNonceIsRefreshedOnce() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("DESCRIBE", URL));
        answer("hikvision_describe_401.txt", 1);
        answer("hikvision_describe_stale.txt", 2);
        String sent = written();
        assertTrue(sent.contains("CSeq: 3\r\n") && sent.contains("nonce=\"9a8b7c6d5e4f30211a2b3c4d5e6f7081\""),
                sent);
        answer("hikvision_describe.txt", 3);
        assertEquals(200, f.join().statusCode());
    }

    @Test
    void wrongPasswordFailsWithAuthFailedAndAUsefulMessage() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("DESCRIBE", URL));
        answer("hikvision_describe_401.txt", 1);
        answer("hikvision_describe_401.txt", 2);
        RtspException e = failure(f);
        assertEquals(ErrorKind.AUTH_FAILED, e.kind());
        assertEquals("DESCRIBE " + URL + " CSeq 2: RTSP/1.0 401 Unauthorized", e.getMessage());
        assertTrue(ch.isActive(), "a refused request does not end the connection");
    }

    @Test
    void errorStatusMapsToKind() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("DESCRIBE", URL));
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 404 Stream Not Found\r\nCSeq: 1\r\n\r\n",
                StandardCharsets.US_ASCII));
        RtspException e = failure(f);
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().endsWith("RTSP/1.0 404 Stream Not Found"), e.getMessage());
    }

    @Test
    void serverThatNeverAnswersTimesOut() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        ch.advanceTimeBy(RtspTimeouts.DEFAULT.response().toMillis() - 1, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(f.isDone());
        ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        long next = ch.runScheduledPendingTasks();
        assertTrue(f.isDone(), "next " + next);
        RtspException e = failure(f);
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("OPTIONS " + URL + " CSeq 1: no response within 10000 ms"), e.getMessage());
        assertFalse(ch.isActive(), "the connection is closed");
        assertEquals(ErrorKind.TIMEOUT, failure(handler.terminated()).kind());
    }

    @Test
    void malformedStatusLineIsProtocolError() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        answer("malformed_status.txt", 1);
        assertEquals(ErrorKind.PROTOCOL, failure(f).kind());
        assertFalse(ch.isActive());
    }

    @Test
    void endlessHeadersAreProtocolError() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        ch.writeInbound(Unpooled.copiedBuffer("RTSP/1.0 200 OK\r\n", StandardCharsets.US_ASCII));
        for (int i = 0; i < 2000 && !f.isDone(); i++) {
            ch.writeInbound(Unpooled.copiedBuffer("X-Filler: 0123456789\r\n", StandardCharsets.US_ASCII));
        }
        RtspException e = failure(f);
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("headers exceed"), e.getMessage());
    }

    @Test
    void peerClosingFailsPendingRequestsAsUnreachable() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        ch.close();
        assertEquals(ErrorKind.UNREACHABLE, failure(f).kind());
        assertEquals(ErrorKind.UNREACHABLE, failure(handler.send(RtspRequest.of("OPTIONS", URL))).kind());
    }

    @Test
    void sessionIsRememberedAndKeptAliveEveryHalfTimeout() {
        CompletableFuture<RtspResponse> setup = handler.send(RtspRequest.of("SETUP", URL + "/trackID=1"));
        answer("spacing_setup.txt", 1);
        assertEquals("1185236142", setup.join().header("session").trim().split(" ")[0]);
        assertEquals("1185236142", handler.session().id());
        handler.send(RtspRequest.of("PLAY", URL));
        written();
        answer("reolink_play.txt", 2);
        handler.startKeepAlive(URL);
        ch.runPendingTasks();
        ch.advanceTimeBy(15, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        String keepAlive = written();
        assertTrue(keepAlive.startsWith("GET_PARAMETER " + URL + " RTSP/1.0"), keepAlive);
        assertTrue(keepAlive.contains("Session: 1185236142\r\n"), keepAlive);
        assertTrue(keepAlive.contains("CSeq: 3\r\n"), keepAlive);
        answer("legacy_get_parameter.txt", 3);
        assertEquals("OPTIONS", handler.keepAliveMethod(), "405 to GET_PARAMETER: fall back to OPTIONS");
        ch.advanceTimeBy(15, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(written().startsWith("OPTIONS " + URL), "next keep-alive is OPTIONS");
        assertTrue(ch.isActive());
    }

    @Test
    void idleStreamEndsWithTimeout() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        RtspException e = failure(handler.terminated());
        assertEquals(ErrorKind.TIMEOUT, e.kind());
        assertFalse(ch.isActive());
    }

    @Test
    void serverRequestsAreAnswered() {
        ch.writeInbound(Unpooled.copiedBuffer("GET_PARAMETER rtsp://192.0.2.10/ RTSP/1.0\r\nCSeq: 7\r\n\r\n",
                StandardCharsets.US_ASCII));
        String reply = written();
        assertTrue(reply.startsWith("RTSP/1.0 200 OK\r\n") && reply.contains("CSeq: 7"), reply);
        ch.writeInbound(Unpooled.copiedBuffer("ANNOUNCE rtsp://192.0.2.10/ RTSP/1.0\r\nCSeq: 8\r\n\r\n",
                StandardCharsets.US_ASCII));
        assertTrue(written().startsWith("RTSP/1.0 501 Not Implemented"));
    }

    @Test
    void closeCompletesTerminatedNormally() {
        CompletableFuture<RtspResponse> f = handler.send(RtspRequest.of("OPTIONS", URL));
        handler.close();
        ch.runPendingTasks();
        assertNull(handler.terminated().join());
        assertEquals(ErrorKind.UNREACHABLE, failure(f).kind());
        assertFalse(ch.isActive());
    }
}
