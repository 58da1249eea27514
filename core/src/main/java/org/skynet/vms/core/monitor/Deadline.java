package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Bounds a probe by one overall deadline, scheduled on a Netty event loop (no thread per probe):
 * whichever comes first, the probe's own result or the timeout result, completes the stage.
 */
final class Deadline {
    private Deadline() {
    }

    static <T> CompletionStage<ProbeResult> bound(EventLoopGroup group, Duration timeout, CompletionStage<T> work,
            Function<T, ProbeResult> onValue,
            Function<Throwable, ProbeResult> onError, Supplier<ProbeResult> onTimeout) {
        CompletableFuture<ProbeResult> out = new CompletableFuture<>();
        ScheduledFuture<?> timer = group.next().schedule(() -> out.complete(onTimeout.get()),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        work.whenComplete((value, error) -> {
            timer.cancel(false);
            try {
                out.complete(error == null ? onValue.apply(value) : onError.apply(error));
            } catch (RuntimeException e) {
                out.complete(onError.apply(e));
            }
        });
        return out;
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
