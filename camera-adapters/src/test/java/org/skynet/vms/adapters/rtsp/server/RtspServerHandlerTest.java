package org.skynet.vms.adapters.rtsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;

/** The re-stream server pipeline on an EmbeddedChannel with a fake {@link StreamAccess}. */
class RtspServerHandlerTest {
    private static final String URL = "rtsp://127.0.0.1:8554/cameras/cam-1";
    private static final String REALM = "Test VMS";
    private static final VideoParameters PARAMETERS = new VideoParameters(Codec.H264, 640, 480, 25.0, 66, 30,
            "avc1.42001e", List.of(), List.of(new byte[] {0x67, 0x42, 0x00, 0x1e}), List.of(new byte[] {0x68, (byte) 0xce}));

    private final FakeAccess access = new FakeAccess();
    private final MockTicker ticker = Ticker.newMockTicker();
    private EmbeddedChannel ch;
    private int cseq;
    private String nonce;

    @AfterEach
    void finish() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private void open() {
        ch = EmbeddedChannel.builder().ticker(ticker)
                .handlers(new RtspServerInitializer(access, Runnable::run, Duration.ofSeconds(1))).build();
        cseq = 0;
        nonce = null;
    }

    @Test
    void describeSetupPlayStreamsFromTheNextKeyframeThenTeardownReleases() {
        open();
        assertTrue(send("OPTIONS", URL, null, "").contains("Public: OPTIONS, DESCRIBE"));
        String challenge = send("DESCRIBE", URL, null, "");
        assertTrue(challenge.startsWith("RTSP/1.0 401"), challenge);
        String sdp = send("DESCRIBE", URL, "operator", "");
        assertTrue(sdp.startsWith("RTSP/1.0 200"), sdp);
        assertTrue(sdp.contains("a=rtpmap:96 H264/90000"), sdp);
        assertTrue(sdp.contains("sprop-parameter-sets=Z0IAHg==,aM4="), sdp);
        assertTrue(sdp.contains("Content-Base: " + URL + "/"), sdp);
        String setup = send("SETUP", URL + "/trackID=0", "operator", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
        assertTrue(setup.startsWith("RTSP/1.0 200") && setup.contains("interleaved=0-1"), setup);
        String session = header(setup, "Session").split(";")[0];
        String play = send("PLAY", URL + "/", "operator", "Session: " + session + "\r\n");
        assertTrue(play.startsWith("RTSP/1.0 200") && play.contains("RTP-Info: url=" + URL + "/trackID=0;seq="), play);
        assertNotNull(access.stream.listener, "started after PLAY");

        access.stream.listener.onAccessUnit(unit(false));
        ch.runPendingTasks();
        assertNull(ch.readOutbound(), "nothing before the first keyframe");
        access.stream.listener.onAccessUnit(unit(true));
        ch.runPendingTasks();
        ByteBuf frame = ch.readOutbound();
        assertEquals('$', frame.getByte(0));
        assertEquals(0, frame.getByte(1));
        assertEquals(0x80, frame.getUnsignedByte(4), "RTP version 2");
        frame.release();

        assertTrue(send("GET_PARAMETER", URL + "/", "operator", "Session: " + session + "\r\n").startsWith("RTSP/1.0 200"));
        assertTrue(send("TEARDOWN", URL + "/", "operator", "Session: " + session + "\r\n").startsWith("RTSP/1.0 200"));
        assertTrue(access.stream.closed);
        assertFalse(ch.isActive());
        assertEquals(List.of("operator cam-1"), access.admitted);
    }

    @Test
    void aSilentClientIsDroppedAfterTwiceTheSessionTimeoutAndItsStreamReleased() {
        open();
        send("DESCRIBE", URL, null, "");
        send("DESCRIBE", URL, "operator", "");
        ticker.advance(RtspServerHandler.SESSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(send("GET_PARAMETER", URL, "operator", "").startsWith("RTSP/1.0 200"), "keep-alive");
        ticker.advance(RtspServerInitializer.IDLE_SECONDS - 1, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "the keep-alive restarted the timer");
        ticker.advance(2, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive());
        assertTrue(access.stream.closed);
    }

    @Test
    void refusalsAnswer401403404AndUdpGets461() {
        open();
        send("DESCRIBE", URL, null, "");
        assertTrue(send("DESCRIBE", URL, "operator", "", "wrong").startsWith("RTSP/1.0 401"));
        assertTrue(send("DESCRIBE", URL, "stranger", "").startsWith("RTSP/1.0 401"));
        assertTrue(send("DESCRIBE", URL, "technician", "").startsWith("RTSP/1.0 403"));
        assertTrue(send("DESCRIBE", "rtsp://127.0.0.1:8554/cameras/nope", "operator", "").startsWith("RTSP/1.0 404"));
        assertTrue(send("DESCRIBE", "rtsp://127.0.0.1:8554/elsewhere", "operator", "").startsWith("RTSP/1.0 404"));
        send("DESCRIBE", URL, "operator", "");
        assertTrue(send("SETUP", URL + "/trackID=0", "operator", "Transport: RTP/AVP;unicast;client_port=5000-5001\r\n")
                .startsWith("RTSP/1.0 461"));
        assertTrue(send("PLAY", URL, "operator", "Session: 12345\r\n").startsWith("RTSP/1.0 454"));
    }

    @Test
    void describeAnswersWhateverTheSplit() {
        open();
        send("DESCRIBE", URL, null, "");
        byte[] request = request("DESCRIBE", URL, "operator", "", "operator-pw");
        for (int split = 1; split < request.length; split++) {
            ch.writeInbound(Unpooled.wrappedBuffer(request, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(request, split, request.length - split));
            ch.runPendingTasks();
            String answer = readText();
            assertTrue(answer.startsWith("RTSP/1.0 200"), "split " + split + ": " + answer);
        }
        for (byte b : request) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            ch.runPendingTasks();
        }
        assertTrue(readText().startsWith("RTSP/1.0 200"));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndAdmittedOnce() {
        open();
        send("DESCRIBE", URL, null, "");
        byte[] a = request("DESCRIBE", URL, "operator", "", "operator-pw");
        byte[] b = request("DESCRIBE", URL, "operator", "", "operator-pw");
        byte[] c = request("GET_PARAMETER", URL, "operator", "", "operator-pw");
        ch.writeInbound(Unpooled.wrappedBuffer(a, b, c));
        ch.runPendingTasks();
        String answers = readText();
        int first = answers.indexOf("CSeq: 2");
        int second = answers.indexOf("CSeq: 3");
        int third = answers.indexOf("CSeq: 4");
        assertTrue(first >= 0 && first < second && second < third, answers);
        assertEquals(3, answers.split("RTSP/1.0 200 OK", -1).length - 1, answers);
        assertEquals(List.of("operator cam-1"), access.admitted);
    }

    @Test
    void garbageIsAnsweredOrClosedNeverThrown() {
        // random bytes: the framer refuses them (closed), the RTSP decoder marks them failed (400, closed),
        // or they may start an interleaved frame, which waits (bounded) for the rest
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            open();
            byte[] junk = new byte[5 + random.nextInt(600)];
            random.nextBytes(junk);
            System.arraycopy(new byte[] {'\r', '\n', '\r', '\n'}, 0, junk, junk.length - 4, 4);
            ch.writeInbound(Unpooled.wrappedBuffer(junk));
            ch.runPendingTasks();
            Object out;
            int answers = 0;
            while ((out = ch.readOutbound()) != null) {
                answers++;
                String text = ((ByteBuf) out).toString(StandardCharsets.US_ASCII);
                assertTrue(text.startsWith("RTSP/1.0 4"), text);
                ((ByteBuf) out).release();
            }
            // still open only when the bytes may begin a frame or request that is not complete yet
            assertTrue(!ch.isActive() || answers == 0, "garbage " + i + " answered but not closed");
            ch.finishAndReleaseAll();
        }
        open();
        ch.writeInbound(Unpooled.copiedBuffer("HELLO WORLD\r\n\r\n", StandardCharsets.US_ASCII));
        ch.runPendingTasks();
        String answer = readText();
        assertTrue(answer.startsWith("RTSP/1.0 4"), answer);
        assertNull(access.stream, "no stream for garbage");
    }

    @Test
    void aSlowClientDropsToTheNextKeyframeWithoutBlockingTheIngest() {
        open();
        send("DESCRIBE", URL, null, "");
        send("DESCRIBE", URL, "operator", "");
        String session = header(send("SETUP", URL + "/trackID=0", "operator",
                "Transport: RTP/AVP/TCP;unicast;interleaved=2-3\r\n"), "Session").split(";")[0];
        send("PLAY", URL, "operator", "Session: " + session + "\r\n");
        RestreamSession s = (RestreamSession) access.stream.listener;
        s.onAccessUnit(unit(true));
        for (int i = 1; i < RestreamSession.MAX_PENDING_UNITS + 10; i++) {
            s.onAccessUnit(unit(false));
        }
        assertEquals(10, s.droppedUnits(), "the event loop ran nothing: the queue bound drops");
        ch.runPendingTasks();
        s.onAccessUnit(unit(false));
        assertEquals(11, s.droppedUnits(), "after a drop, nothing before the next keyframe");
        s.onAccessUnit(unit(true));
        ch.runPendingTasks();
        assertEquals(11, s.droppedUnits());
        int frames = 0;
        for (Object o; (o = ch.readOutbound()) != null; frames++) {
            assertEquals(2, ((ByteBuf) o).getByte(1), "interleaved channel from SETUP");
            ((ByteBuf) o).release();
        }
        assertEquals(RestreamSession.MAX_PENDING_UNITS + 1, frames);
    }

    private static AccessUnit unit(boolean keyframe) {
        byte[] data = {0, 0, 0, 5, (byte) (keyframe ? 0x65 : 0x41), 1, 2, 3, 4};
        return new AccessUnit(Codec.H264, 3600, null, keyframe, data, PARAMETERS, false, false);
    }

    private String send(String method, String url, String user, String headers) {
        return send(method, url, user, headers, user + "-pw");
    }

    private String send(String method, String url, String user, String headers, String password) {
        ch.writeInbound(Unpooled.wrappedBuffer(request(method, url, user, headers, password)));
        ch.runPendingTasks();
        String answer = readText();
        if (answer.startsWith("RTSP/1.0 401")) {
            nonce = DigestAuth.params(header(answer, "WWW-Authenticate").substring(7)).get("nonce");
        }
        return answer;
    }

    private byte[] request(String method, String url, String user, String headers, String password) {
        String auth = "";
        if (user != null && nonce != null) {
            String ha1 = DigestAuth.ha1(user, REALM, password);
            String response = DigestAuth.md5Hex(ha1 + ":" + nonce + ":" + DigestAuth.md5Hex(method + ":" + url));
            auth = "Authorization: Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce
                    + "\", uri=\"" + url + "\", response=\"" + response + "\"\r\n";
        }
        return (method + " " + url + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n" + auth + headers + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private String readText() {
        StringBuilder b = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            b.append(((ByteBuf) o).toString(StandardCharsets.US_ASCII));
            ((ByteBuf) o).release();
        }
        return b.toString();
    }

    private static String header(String answer, String name) {
        for (String line : answer.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + name + " in " + answer);
    }

    private static final class FakeAccess implements StreamAccess {
        final List<String> admitted = new ArrayList<>();
        FakeStream stream;

        @Override
        public String realm() {
            return REALM;
        }

        @Override
        public Optional<String> ha1(String username) {
            return username.equals("stranger") ? Optional.empty()
                    : Optional.of(DigestAuth.ha1(username, REALM, username + "-pw"));
        }

        @Override
        public Admission admit(String username, String cameraId, String remoteAddress) {
            if (username.equals("technician")) {
                return Admission.refused(Outcome.FORBIDDEN);
            }
            if (!cameraId.equals("cam-1")) {
                return Admission.refused(Outcome.NOT_FOUND);
            }
            admitted.add(username + " " + cameraId);
            stream = new FakeStream();
            return Admission.granted(stream);
        }
    }

    private static final class FakeStream implements LiveStream {
        AccessUnitListener listener;
        boolean closed;

        @Override
        public CompletableFuture<VideoParameters> parameters() {
            return CompletableFuture.completedFuture(PARAMETERS);
        }

        @Override
        public void start(AccessUnitListener l) {
            listener = l;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
