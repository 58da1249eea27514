package org.skynet.vms.adapters.sim;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First handler of every simulated camera pipeline: closes a new connection at once, without a byte,
 * while the camera is {@link FaultKind#REFUSING} or {@link FaultKind#DOWN} (a connection that raced
 * the unbind); otherwise registers it with its camera, so that going {@code DOWN} can close it.
 * Removes itself afterwards. On a shared listener ({@link Addressing#PATHS}) the camera is known only from
 * the request, so admission is {@link PathDemultiplexer}'s job and this handler just steps aside.
 * Stateless and shared.
 */
@ChannelHandler.Sharable
public final class ConnectionAdmissionHandler extends ChannelInboundHandlerAdapter {
    /** The one instance; the handler has no state. */
    public static final ConnectionAdmissionHandler INSTANCE = new ConnectionAdmissionHandler();

    private ConnectionAdmissionHandler() {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (CameraChannels.multiplexed(ctx.channel())) {
            ctx.pipeline().remove(this);
            super.channelActive(ctx);
            return;
        }
        SimulatedCamera camera = CameraChannels.cameraOf(ctx.channel());
        if (camera.is(FaultKind.REFUSING) || camera.is(FaultKind.DOWN)) {
            camera.refused();
            ctx.close();
            return;
        }
        camera.connected(ctx.channel());
        ctx.pipeline().remove(this);
        super.channelActive(ctx);
    }
}
