package org.skynet.vms.adapters.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.concurrent.CompletableFuture;

/** Adapts Netty's channel futures to the {@link CompletableFuture}s of the public API. */
final class ChannelFutures {
    private ChannelFutures() {
    }

    /** Completes with the channel, or with the raw cause; callers map it to an {@link RtspException}. */
    static CompletableFuture<Channel> toCompletable(ChannelFuture f) {
        CompletableFuture<Channel> out = new CompletableFuture<>();
        f.addListener(done -> {
            if (done.isSuccess()) {
                out.complete(f.channel());
            } else {
                out.completeExceptionally(done.cause());
            }
        });
        return out;
    }
}
