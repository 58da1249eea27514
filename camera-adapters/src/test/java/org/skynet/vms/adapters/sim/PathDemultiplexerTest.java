package org.skynet.vms.adapters.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.ChannelHandler;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;

class PathDemultiplexerTest {
    private final SimulatedCamera camera = new SimulatedCamera("sim-000007", "admin", "pass-000007", "127.0.0.1", 554, 80,
            Codec.H264, true);
    private final EmbeddedChannel listener = new EmbeddedChannel();

    PathDemultiplexerTest() {
        listener.attr(CameraChannels.DIRECTORY).set(Map.of(camera.id(), camera));
    }

    @Test
    void stripsTheIdFromPathOnlyAndAbsoluteUris() {
        assertEquals("/main", passed(PathDemultiplexer.RTSP, rtsp("/sim-000007/main")).uri());
        assertEquals("rtsp://127.0.0.1:554/main/trackID=0",
                passed(PathDemultiplexer.RTSP, rtsp("rtsp://127.0.0.1:554/sim-000007/main/trackID=0")).uri());
        assertEquals("rtsp://127.0.0.1:554/", passed(PathDemultiplexer.RTSP, rtsp("rtsp://127.0.0.1:554/sim-000007")).uri());
        assertEquals("/onvif/device_service",
                passed(PathDemultiplexer.ONVIF, http("/onvif/sim-000007/device_service")).uri());
        assertEquals("/onvif/snapshot/main.jpg?x=1",
                passed(PathDemultiplexer.ONVIF, http("/onvif/sim-000007/snapshot/main.jpg?x=1")).uri());
    }

    @Test
    void setsTheCameraOnTheConnection() {
        EmbeddedChannel ch = accepted(PathDemultiplexer.RTSP);
        ch.writeInbound(rtsp("/sim-000007/main"));
        assertSame(camera, CameraChannels.cameraOf(ch));
    }

    @Test
    void answersAnUnknownIdWith404AndCloses() {
        EmbeddedChannel ch = accepted(PathDemultiplexer.RTSP);
        FullHttpRequest request = rtsp("/sim-999999/main");
        request.headers().set("CSeq", "4");
        ch.writeInbound(request);
        FullHttpResponse response = ch.readOutbound();
        assertEquals(404, response.status().code());
        assertEquals("4", response.headers().get("CSeq"));
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
        response.release();
    }

    @Test
    void closesADownCamerasConnectionWithoutAnAnswer() {
        camera.fault(Fault.DOWN);
        EmbeddedChannel ch = accepted(PathDemultiplexer.ONVIF);
        ch.writeInbound(http("/onvif/sim-000007/device_service"));
        assertNull(ch.readOutbound());
        assertNull(ch.readInbound());
        assertFalse(ch.isOpen());
    }

    private FullHttpRequest passed(ChannelHandler demux, FullHttpRequest request) {
        EmbeddedChannel ch = accepted(demux);
        ch.writeInbound(request);
        FullHttpRequest out = ch.readInbound();
        out.release();
        return out;
    }

    private EmbeddedChannel accepted(ChannelHandler demux) {
        return new EmbeddedChannel(listener, DefaultChannelId.newInstance(), true, false, demux);
    }

    private static FullHttpRequest rtsp(String uri) {
        return new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.DESCRIBE, uri);
    }

    private static FullHttpRequest http(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }
}
