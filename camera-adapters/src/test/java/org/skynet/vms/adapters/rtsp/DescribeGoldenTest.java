package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtsp.sdp.MediaDescription;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;

/** Golden DESCRIBE responses through the real pipeline, then the base-URL choice and SDP parse. */
class DescribeGoldenTest {
    private EmbeddedRtsp rtsp;

    @AfterEach
    void release() {
        rtsp.close();
    }

    private SessionDescription describe(String url, String golden) {
        rtsp = new EmbeddedRtsp(url);
        CompletableFuture<RtspResponse> f = rtsp.handler.send(RtspRequest.of("DESCRIBE", url));
        rtsp.answer(golden, 1);
        return RtspConnection.sessionDescription(f.join(), url);
    }

    @Test
    void hikvisionAbsoluteControlUrls() {
        SessionDescription sdp = describe("rtsp://192.0.2.10:554/Streaming/Channels/102", "hikvision_describe.txt");
        MediaDescription video = sdp.firstSupportedVideo().orElseThrow();
        assertEquals(Codec.H264, video.codec());
        assertEquals("rtsp://192.0.2.10:554/Streaming/Channels/102/trackID=1", video.controlUri().toString());
        assertEquals("rtsp://192.0.2.10:554/Streaming/Channels/102/", sdp.controlUri().toString());
        assertEquals(2, video.parameterSets().size(), "SPS and PPS from sprop-parameter-sets");
    }

    @Test
    void dahuaRelativeControlAfterAQuery() {
        SessionDescription sdp = describe("rtsp://192.0.2.20:554/cam/realmonitor?channel=1&subtype=1",
                "dahua_describe.txt");
        assertEquals("rtsp://192.0.2.20:554/cam/realmonitor?channel=1&subtype=1/trackID=0",
                sdp.firstSupportedVideo().orElseThrow().controlUri().toString());
    }

    @Test
    void contentBaseWithoutScheme() {
        SessionDescription sdp = describe("rtsp://192.0.2.40:554/live/ch00_0", "noscheme_describe.txt");
        assertEquals("rtsp://192.0.2.40:554/live/ch00_0/track0",
                sdp.firstSupportedVideo().orElseThrow().controlUri().toString());
    }

    @Test
    void bodyThatIsNotSdpIsProtocolError() {
        rtsp = new EmbeddedRtsp("rtsp://192.0.2.10/live");
        CompletableFuture<RtspResponse> f = rtsp.handler.send(RtspRequest.of("DESCRIBE", "rtsp://192.0.2.10/live"));
        rtsp.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Type: text/html\r\nContent-Length: 15\r\n\r\n"
                + "<html>hi</html>");
        RtspException e = assertThrows(RtspException.class,
                () -> RtspConnection.sessionDescription(f.join(), "rtsp://192.0.2.10/live"));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertEquals("DESCRIBE rtsp://192.0.2.10/live: Content-Type text/html is not application/sdp", e.getMessage());
    }

    @Test
    void emptyBodyIsProtocolError() {
        rtsp = new EmbeddedRtsp("rtsp://192.0.2.10/live");
        CompletableFuture<RtspResponse> f = rtsp.handler.send(RtspRequest.of("DESCRIBE", "rtsp://192.0.2.10/live"));
        rtsp.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
        RtspException e = assertThrows(RtspException.class,
                () -> RtspConnection.sessionDescription(f.join(), "rtsp://192.0.2.10/live"));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }
}
