package org.skynet.vms.adapters.sim;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of every simulated camera pipeline: closes a new connection at once, without a byte,
 * while the camera is {@link FaultKind#REFUSING} or {@link FaultKind#DOWN} (a connection that raced
 * the unbind). Stateless and shared.
 */
@ChannelHandler.Sharable
public final class RefusingConnectionHandler extends ChannelInboundHandlerAdapter {
    /** The one instance; the handler has no state. */
    public static final RefusingConnectionHandler INSTANCE = new RefusingConnectionHandler();

    private RefusingConnectionHandler() {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        SimulatedCamera camera = CameraChannels.cameraOf(ctx.channel());
        if (camera.is(FaultKind.REFUSING) || camera.is(FaultKind.DOWN)) {
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }
}
