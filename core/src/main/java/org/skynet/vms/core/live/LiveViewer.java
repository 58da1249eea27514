package org.skynet.vms.core.live;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live WebSocket connection. Text and init messages are always sent; media fragments only while the
 * bytes written but not yet on the wire stay under {@code maxQueuedBytes} and the channel is writable
 * (Netty's high-water mark). Otherwise the viewer skips to the next keyframe: the fragments of the
 * rest of the group are dropped (counted), so a slow viewer costs the others and the recording nothing,
 * and never sees a picture whose reference was dropped. Called with its {@link LiveChannel}'s lock held.
 */
final class LiveViewer {
    private final Channel channel;
    private final String cameraId;
    private final long maxQueuedBytes;
    private final LiveLatency latency;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong droppedFragments = new AtomicLong();
    private boolean needKeyframe = true;

    LiveViewer(Channel channel, String cameraId, long maxQueuedBytes, LiveLatency latency) {
        this.channel = channel;
        this.cameraId = cameraId;
        this.maxQueuedBytes = maxQueuedBytes;
        this.latency = latency;
    }

    /** A (new) stream: the codec message and the init segment; media resumes at the next keyframe. */
    void start(String codecMessage, byte[] init) {
        send(new TextWebSocketFrame(codecMessage), codecMessage.length());
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(init)), init.length);
        needKeyframe = true;
    }

    void state(String state) {
        String m = LiveMessages.state(state);
        send(new TextWebSocketFrame(m), m.length());
    }

    /**
     * A media fragment: sent, or dropped with the rest of its group when this viewer is behind.
     *
     * @param arrival when its unit came from the camera, for the latency figures; null for a replayed one
     * @param time    the time message to send before the fragment when it is sent, or null
     */
    void offer(byte[] fragment, boolean keyframe, Instant arrival, String time) {
        if (needKeyframe && !keyframe) {
            droppedFragments.incrementAndGet();
            return;
        }
        if (queuedBytes.get() + fragment.length > maxQueuedBytes || !channel.isWritable()) {
            needKeyframe = true;
            droppedFragments.incrementAndGet();
            return;
        }
        needKeyframe = false;
        if (time != null) {
            send(new TextWebSocketFrame(time), time.length());
        }
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(fragment)), fragment.length, arrival);
    }

    private void send(WebSocketFrame frame, int bytes) {
        send(frame, bytes, null);
    }

    private void send(WebSocketFrame frame, int bytes, Instant arrival) {
        if (!channel.isActive()) {
            frame.release();
            return;
        }
        queuedBytes.addAndGet(bytes);
        channel.writeAndFlush(frame).addListener(f -> {
            queuedBytes.addAndGet(-bytes);
            if (arrival != null && f.isSuccess()) {
                latency.sent(arrival);
            }
        });
    }

    String cameraId() {
        return cameraId;
    }

    /** Fragments skipped because this viewer was behind (or joined mid-group). */
    long droppedFragments() {
        return droppedFragments.get();
    }
}
