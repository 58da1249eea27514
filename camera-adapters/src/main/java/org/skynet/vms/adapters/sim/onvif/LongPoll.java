package org.skynet.vms.adapters.sim.onvif;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.sim.SimEventLog;

/**
 * Holds one PullMessages request until its camera fires an event or the request's timeout passes,
 * whichever comes first, then runs the answer once on the connection's event loop. Costs a timer and
 * a waiter entry, no thread; a closed connection drops both.
 */
final class LongPoll implements Runnable {
    private final ChannelHandlerContext ctx;
    private final SimEventLog log;
    private final Runnable answer;
    private ScheduledFuture<?> timer;
    /** Event loop only. */
    private boolean done;

    private LongPoll(ChannelHandlerContext ctx, SimEventLog log, Runnable answer) {
        this.ctx = ctx;
        this.log = log;
        this.answer = answer;
    }

    /**
     * Starts holding. Call on the connection's event loop.
     *
     * @param from the number of the first event that ends the wait
     * @param answer builds and sends the response (reading whatever events there are by then)
     */
    static void hold(ChannelHandlerContext ctx, SimEventLog log, long from, Duration timeout, Runnable answer) {
        LongPoll poll = new LongPoll(ctx, log, answer);
        poll.timer = ctx.executor().schedule(poll::finish, timeout.toNanos(), TimeUnit.NANOSECONDS);
        ctx.channel().closeFuture().addListener(f -> poll.drop());
        if (!log.await(from, poll)) {
            poll.finish();
        }
    }

    /** Woken by the event log, on the firing thread: hand over to the event loop. */
    @Override
    public void run() {
        ctx.executor().execute(this::finish);
    }

    private void finish() {
        if (drop()) {
            answer.run();
        }
    }

    /** Stops waiting; true the first time only. */
    private boolean drop() {
        if (done) {
            return false;
        }
        done = true;
        timer.cancel(false);
        log.cancel(this);
        return true;
    }
}
