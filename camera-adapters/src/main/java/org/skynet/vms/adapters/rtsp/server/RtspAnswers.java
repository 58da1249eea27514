package org.skynet.vms.adapters.rtsp.server;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.nio.charset.StandardCharsets;
import org.skynet.vms.adapters.rtsp.RtspException;
import org.skynet.vms.adapters.rtsp.TransportHeader;

/**
 * Building blocks of an RTSP server's answers, shared by the re-stream server and the simulated cameras.
 * Headers use the spelling of RFC 2326 ({@code CSeq}): Netty's constants are lower case, which the RFC
 * allows but some clients match case-sensitively.
 */
public final class RtspAnswers {
    private RtspAnswers() {
    }

    /** An RTSP/1.0 answer without a body. */
    public static FullHttpResponse empty(HttpResponseStatus status) {
        return new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
    }

    /** A 200 answer to DESCRIBE carrying {@code sdp}, with {@code contentBase} for the track URLs. */
    public static FullHttpResponse describe(String sdp, String contentBase) {
        FullHttpResponse ok = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(sdp, StandardCharsets.US_ASCII));
        ok.headers().set("Content-Type", "application/sdp");
        ok.headers().set("Content-Base", contentBase);
        return ok;
    }

    /** Sets the headers every answer carries: the request's {@code CSeq} (when it had one), Server, length. */
    public static FullHttpResponse stamped(FullHttpResponse response, String cseq, String server) {
        if (cseq != null) {
            response.headers().set("CSeq", cseq);
        }
        response.headers().set("Server", server);
        response.headers().setInt("Content-Length", response.content().readableBytes());
        return response;
    }

    /** Whether a {@code Session} header (possibly with {@code ;timeout=}) names the session {@code id}. */
    public static boolean sessionMatches(String header, String id) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().equals(id);
    }

    /** The first transport spec the client asked for, or {@code null} when it is missing or does not parse. */
    public static TransportHeader transport(String header) {
        try {
            return TransportHeader.parse(header);
        } catch (RtspException e) {
            return null;
        }
    }
}
