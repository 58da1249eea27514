package org.skynet.vms.core.events;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.skynet.vms.core.users.DistrictScope;

/**
 * One open {@code /api/events} connection: messages are queued from any thread and written on the
 * channel's event loop while the channel is writable; when it is not (the client reads slowly), the
 * bounded {@link EventQueue} absorbs and drops, and the drain resumes on the writability change.
 */
final class EventSession {
    private final Channel channel;
    private final String user;
    private final DistrictScope scope;
    private final EventQueue queue;

    EventSession(Channel channel, String user, DistrictScope scope, int capacity) {
        this.channel = channel;
        this.user = user;
        this.scope = scope;
        this.queue = new EventQueue(capacity);
    }

    void offer(String json) {
        if (queue.offer(json)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    /** Writes queued messages while the channel takes them; on the event loop. */
    void drain() {
        boolean wrote = false;
        while (channel.isActive() && channel.isWritable()) {
            String m = queue.poll();
            if (m == null) {
                break;
            }
            channel.write(new TextWebSocketFrame(m));
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    String user() {
        return user;
    }

    /** The districts whose messages this connection gets. */
    DistrictScope scope() {
        return scope;
    }

    Channel channel() {
        return channel;
    }
}
