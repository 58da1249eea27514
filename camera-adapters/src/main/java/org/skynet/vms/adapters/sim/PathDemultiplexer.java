package org.skynet.vms.adapters.sim;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;

/**
 * On a shared listener ({@link Addressing#PATHS}), picks the camera of each aggregated request from its
 * URL path and hands the request on as if the camera had a listener of its own: {@code /<id>/main}
 * becomes {@code /main} (RTSP, {@link #RTSP}), {@code /onvif/<id>/device_service} becomes
 * {@code /onvif/device_service} (ONVIF, {@link #ONVIF}), and the camera is set on the channel
 * ({@link CameraChannels#CAMERA}) for the handlers behind. A camera that is {@link FaultKind#DOWN} or
 * {@link FaultKind#REFUSING} has the connection closed at once without an answer (no real "connection
 * refused": that needs PORTS or ADDRESSES mode); an unknown id gets a 404 and the connection closes.
 * Absolute URIs ({@code rtsp://host:port/<id>/main}) are rewritten the same way. Stateless and shared.
 */
@ChannelHandler.Sharable
public final class PathDemultiplexer extends ChannelInboundHandlerAdapter {
    /** RTSP: the id is the first path segment; connections are registered with their camera (closed when it goes DOWN). */
    public static final PathDemultiplexer RTSP = new PathDemultiplexer("/", true);
    /**
     * ONVIF: the id follows {@code /onvif/}; an HTTP connection may carry several cameras' requests in turn, so it is
     * not registered with one camera (a DOWN camera's requests are refused as they come).
     */
    public static final PathDemultiplexer ONVIF = new PathDemultiplexer("/onvif/", false);

    private final String prefix;
    private final boolean registerConnections;

    private PathDemultiplexer(String prefix, boolean registerConnections) {
        this.prefix = prefix;
        this.registerConnections = registerConnections;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest request)) {
            super.channelRead(ctx, msg);
            return;
        }
        String uri = request.uri();
        int pathStart = pathStart(uri);
        int idStart = pathStart + prefix.length();
        SimulatedCamera camera = null;
        int idEnd = -1;
        if (pathStart >= 0 && uri.startsWith(prefix, pathStart)) {
            idEnd = idEnd(uri, idStart);
            Map<String, SimulatedCamera> directory = ctx.channel().parent().attr(CameraChannels.DIRECTORY).get();
            camera = directory.get(uri.substring(idStart, idEnd));
        }
        if (camera == null) {
            notFound(ctx, request);
            return;
        }
        if (camera.is(FaultKind.DOWN) || camera.is(FaultKind.REFUSING)) {
            camera.refused();
            ReferenceCountUtil.release(request);
            ctx.close();
            return;
        }
        SimulatedCamera previous = ctx.channel().attr(CameraChannels.CAMERA).getAndSet(camera);
        if (registerConnections && previous != camera) {
            camera.connected(ctx.channel());
        }
        int rest = idEnd < uri.length() && uri.charAt(idEnd) == '/' ? idEnd + 1 : idEnd;
        request.setUri(uri.substring(0, idStart) + uri.substring(rest));
        super.channelRead(ctx, request);
    }

    /** Index of the path's leading slash in a path-only or absolute URI, or -1 when there is none. */
    private static int pathStart(String uri) {
        if (uri.startsWith("/")) {
            return 0;
        }
        int scheme = uri.indexOf("://");
        return scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
    }

    private static int idEnd(String uri, int from) {
        int i = from;
        while (i < uri.length() && uri.charAt(i) != '/' && uri.charAt(i) != '?') {
            i++;
        }
        return i;
    }

    private static void notFound(ChannelHandlerContext ctx, FullHttpRequest request) {
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.NOT_FOUND);
        String cseq = request.headers().get("CSeq");
        if (cseq != null) {
            response.headers().set("CSeq", cseq);
        }
        HttpUtil.setContentLength(response, 0);
        ReferenceCountUtil.release(request);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
