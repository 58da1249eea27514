package org.skynet.vms.adapters.sim.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.RtspAuthScheme;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.TestCameras;

/** The whole server pipeline on an EmbeddedChannel, with a mock ticker pacing the replay. */
class RtspReplayHandlerTest {
    private static ClipLibrary clips;
    private final SimulatedCamera cam = TestCameras.camera(Codec.H264);
    private final MockTicker ticker = Ticker.newMockTicker();
    private EmbeddedChannel ch;
    private int cseq;

    @BeforeAll
    static void loadClips() {
        clips = ClipLibrary.load();
    }

    @AfterEach
    void finish() {
        ch.finishAndReleaseAll();
    }

    private EmbeddedChannel open(RtspAuthScheme scheme) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        ch = EmbeddedChannel.builder().register(false).ticker(ticker)
                .handlers(new RtspReplayInitializer(clips, clock, scheme)).build();
        ch.attr(CameraChannels.CAMERA).set(cam);
        ch.register();
        return ch;
    }

    @Test
    void optionsAnswersWhateverTheSplit() throws Exception {
        byte[] request = "OPTIONS rtsp://127.0.0.1:554/main RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int split = 1; split < request.length; split++) {
            open(RtspAuthScheme.DIGEST);
            ch.writeInbound(Unpooled.wrappedBuffer(request, 0, split));
            ch.writeInbound(Unpooled.wrappedBuffer(request, split, request.length - split));
            String answer = readText();
            assertTrue(answer.startsWith("RTSP/1.0 200 OK"), "split " + split + ": " + answer);
            assertTrue(answer.contains("CSeq: 1"), answer);
            assertTrue(answer.contains("DESCRIBE"), answer);
            ch.finishAndReleaseAll();
        }
        open(RtspAuthScheme.DIGEST);
    }

    @Test
    void describeWithoutCredentialsIsChallengedAndBasicWorksWhenConfigured() throws Exception {
        open(RtspAuthScheme.DIGEST);
        assertTrue(send("DESCRIBE", "rtsp://127.0.0.1:554/main", "").contains("WWW-Authenticate: Digest realm="));
        ch.finishAndReleaseAll();
        open(RtspAuthScheme.BASIC);
        String basic = "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String sdp = send("DESCRIBE", "rtsp://127.0.0.1:554/sub", basic);
        assertTrue(sdp.startsWith("RTSP/1.0 200"), sdp);
        assertTrue(sdp.contains("a=x-dimensions:640,360"), sdp);
        assertTrue(send("DESCRIBE", "rtsp://127.0.0.1:554/nothing", basic).startsWith("RTSP/1.0 404"));
    }

    @Test
    void playPacesFramesByTheTickerAndStallStopsThem() throws Exception {
        open(RtspAuthScheme.BASIC);
        String auth = "Authorization: Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8)) + "\r\n";
        String setup = send("SETUP", "rtsp://127.0.0.1:554/main/trackID=0",
                auth + "Transport: RTP/AVP/TCP;unicast;interleaved=2-3\r\n");
        assertTrue(setup.contains("interleaved=2-3"), setup);
        String session = setup.lines().filter(l -> l.startsWith("Session: ")).findFirst().orElseThrow()
                .substring(9).split(";")[0];
        write("PLAY", "rtsp://127.0.0.1:554/main", auth + "Session: " + session + "\r\n");
        List<ByteBuf> afterPlay = drain();
        assertTrue(afterPlay.get(0).toString(StandardCharsets.US_ASCII).contains("RTP-Info: url="));
        List<ByteBuf> media = afterPlay.stream().filter(b -> b.getByte(0) == '$').toList();
        assertEquals(3, media.get(0).getByte(1), "RTCP sender report on the odd channel first");
        assertEquals(2, media.get(1).getByte(1), "then the first frame's RTP");
        release(afterPlay);
        ticker.advance(400, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        List<ByteBuf> tenFrames = drain();
        assertEquals(10, tenFrames.size(), "25 fps for 400 ms");
        int lastSeq = lastSequenceNumber(tenFrames.get(9));
        release(tenFrames);
        TestCameras.fault(cam, Fault.STALL);
        ticker.advance(400, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertNull(ch.readOutbound(), "nothing while stalled (frames 11..20)");
        TestCameras.fault(cam, Fault.NONE);
        ticker.advance(400, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        List<ByteBuf> resumed = drain();
        assertEquals(6, resumed.size(), "frames 21..24 skipped, resumes at the keyframe 25 up to 30");
        assertEquals((lastSeq + 1) & 0xFFFF, resumed.get(0).getUnsignedShort(4 + 2), "no sequence gap");
        release(resumed);
        assertTrue(send("TEARDOWN", "rtsp://127.0.0.1:554/main", auth + "Session: " + session + "\r\n")
                .startsWith("RTSP/1.0 200"));
        assertFalse(send("PLAY", "rtsp://127.0.0.1:554/main", auth + "Session: " + session + "\r\n")
                .startsWith("RTSP/1.0 200"));
    }

    private String send(String method, String uri, String headers) {
        write(method, uri, headers);
        return readText();
    }

    /** Writes a request; the embedded loop then runs due tasks, so a PLAY's first frame follows at once. */
    private void write(String method, String uri, String headers) {
        ch.writeInbound(Unpooled.copiedBuffer(method + " " + uri + " RTSP/1.0\r\nCSeq: " + (++cseq) + "\r\n" + headers
                + "\r\n", StandardCharsets.US_ASCII));
    }

    /** Everything written so far (the encoder writes head and body as separate buffers). */
    private String readText() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf b : drain()) {
            text.append(b.toString(StandardCharsets.UTF_8));
            b.release();
        }
        return text.toString();
    }

    private List<ByteBuf> drain() {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            out.add(b);
        }
        return out;
    }

    /** Sequence number of the last RTP packet in one interleaved frame buffer. */
    private static int lastSequenceNumber(ByteBuf frame) {
        int pos = 0;
        int seq = -1;
        while (pos < frame.writerIndex()) {
            seq = frame.getUnsignedShort(pos + 4 + 2);
            pos += 4 + frame.getUnsignedShort(pos + 2);
        }
        return seq;
    }

    private static void release(List<ByteBuf> bufs) {
        bufs.forEach(ByteBuf::release);
    }
}
