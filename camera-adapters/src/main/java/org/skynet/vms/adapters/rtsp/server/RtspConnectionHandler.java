package org.skynet.vms.adapters.rtsp.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle shared by the handlers of one RTSP server connection: each decoded request goes to
 * {@link #request} and is released afterwards (retain it to keep it), anything else read is released
 * unread (e.g. interleaved RTCP from the client), and an idle connection or a failure closes the
 * connection. Used by the re-stream server and the simulated cameras.
 */
public abstract class RtspConnectionHandler extends ChannelInboundHandlerAdapter {
    private final Logger log = LoggerFactory.getLogger(getClass());

    /** Answers one decoded request, on the event loop; the request is released when this returns. */
    protected abstract void request(ChannelHandlerContext ctx, FullHttpRequest request);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpRequest request) {
                request(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            log.debug("closing idle RTSP connection {}", ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing RTSP connection {}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
