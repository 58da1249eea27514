package org.skynet.vms.core.events;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * The frames of one event connection: answers pings and closes, ignores what the client sends
 * otherwise (the stream is one-way), pings an idle client every 30 s, resumes the drain when the
 * channel becomes writable again, and leaves the hub when the connection ends.
 */
final class EventFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final EventHub hub;
    private final EventSession session;
    private final WebSocketServerHandshaker handshaker;

    EventFrameHandler(EventHub hub, EventSession session, WebSocketServerHandshaker handshaker) {
        this.hub = hub;
        this.session = session;
        this.handshaker = handshaker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            handshaker.close(ctx.channel(), close.retain());
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.drain();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ctx.writeAndFlush(new PingWebSocketFrame());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        hub.closed(session);
        ctx.fireChannelInactive();
    }
}
