package org.skynet.vms.adapters.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The link between a socket and the simulated camera it belongs to: each listening channel carries
 * its camera as an attribute, and an accepted channel finds it through its parent. In
 * {@link Addressing#PATHS} mode the shared listener carries the fleet's {@link #DIRECTORY} instead, and
 * {@link PathDemultiplexer} sets the camera on the accepted channel from each request's path.
 */
public final class CameraChannels {
    /** Set on every listening (server) channel before it binds. */
    public static final AttributeKey<SimulatedCamera> CAMERA = AttributeKey.valueOf(CameraChannels.class, "camera");

    /** Set on a shared listener ({@link Addressing#PATHS}): camera id to camera, for the whole fleet. */
    public static final AttributeKey<Map<String, SimulatedCamera>> DIRECTORY =
            AttributeKey.valueOf(CameraChannels.class, "directory");

    /** Accept queue of a shared listener (capped by the kernel's {@code net.core.somaxconn}). */
    public static final int SHARED_BACKLOG = 8192;

    private CameraChannels() {
    }

    /**
     * The camera an accepted connection was dialled on.
     *
     * @throws IllegalStateException if the channel was not accepted by a simulated camera's listener
     */
    public static SimulatedCamera cameraOf(Channel accepted) {
        Channel listener = accepted.parent();
        SimulatedCamera camera = accepted.attr(CAMERA).get();
        if (camera == null && listener != null) {
            camera = listener.attr(CAMERA).get();
        }
        if (camera == null) {
            throw new IllegalStateException("channel " + accepted + " does not belong to a simulated camera");
        }
        return camera;
    }

    /** Whether an accepted connection came in on a shared listener ({@link Addressing#PATHS}). */
    public static boolean multiplexed(Channel accepted) {
        Channel listener = accepted.parent();
        return listener != null && listener.attr(DIRECTORY).get() != null;
    }

    /**
     * Writes and flushes an answer, after the camera's {@link FaultKind#SLOW} delay if it has one.
     * Call on the channel's event loop.
     *
     * @param afterWrite run once the answer is written (e.g. close, start streaming), or {@code null}
     */
    public static void answer(ChannelHandlerContext ctx, SimulatedCamera camera, Object message,
            ChannelFutureListener afterWrite) {
        Duration delay = camera.answerDelay();
        if (delay.isZero()) {
            write(ctx, message, afterWrite);
        } else {
            ctx.executor().schedule(() -> write(ctx, message, afterWrite), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void write(ChannelHandlerContext ctx, Object message, ChannelFutureListener afterWrite) {
        ChannelFuture written = ctx.writeAndFlush(message);
        if (afterWrite != null) {
            written.addListener(afterWrite);
        }
    }
}
