package org.skynet.vms.core.onboarding;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.Credentials;
import org.skynet.vms.adapters.rtsp.PlayingSession;
import org.skynet.vms.adapters.rtsp.RtpTransport;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.rtsp.RtspTimeouts;

/**
 * Opens the main stream, counts the access units that arrive during the sampling window, keeps the
 * first keyframe for the snapshot fallback, then tears the stream down. Non-blocking: everything
 * runs on the RTSP connection's event loop. {@link #abort()} closes early (time budget used up).
 */
final class StreamSampler {
    /** What the window saw. */
    record Sample(PlayingSession session, VideoParameters parameters, long frames, AccessUnit keyframe,
            Duration window, Throwable endedEarly) {
    }

    private final RtspClient client;
    private final EventLoopGroup group;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicReference<AccessUnit> keyframe = new AtomicReference<>();
    private final AtomicReference<PlayingSession> session = new AtomicReference<>();
    private volatile boolean aborted;

    StreamSampler(RtspClient client, EventLoopGroup group) {
        this.client = client;
        this.group = group;
    }

    /**
     * Opens {@code uri} over TCP-interleaved RTP and samples it for {@code window}.
     *
     * @return the sample; fails with the {@code RtspException} of the open (connect, DESCRIBE, SETUP, PLAY)
     */
    CompletableFuture<Sample> sample(URI uri, String username, String password, Duration callTimeout, Duration window) {
        Credentials credentials = username == null ? null : new Credentials(username, password == null ? "" : password);
        // No-data limit a bit longer than the window: a stalled stream is judged by its frame count.
        RtspTimeouts timeouts = new RtspTimeouts(callTimeout, callTimeout, window.plusSeconds(1));
        RtspSource source = new RtspSource(uri, credentials, RtpTransport.TCP_INTERLEAVED, timeouts);
        return client.open(source, this::onAccessUnit).thenCompose(playing -> {
            session.set(playing);
            if (aborted) {
                playing.close();
            }
            long openedAt = System.nanoTime();
            CompletableFuture<Sample> out = new CompletableFuture<>();
            group.next().schedule(() -> {
                out.complete(snapshot(playing, openedAt, null));
                playing.close();
            }, window.toMillis(), TimeUnit.MILLISECONDS);
            playing.terminated().whenComplete((v, e) -> out.complete(snapshot(playing, openedAt,
                    e == null ? new IllegalStateException("the camera ended the stream") : e)));
            return out;
        });
    }

    /** Tears down the stream if it is open; later opens are closed at once. */
    void abort() {
        aborted = true;
        PlayingSession s = session.get();
        if (s != null) {
            s.close();
        }
    }

    private Sample snapshot(PlayingSession playing, long openedAt, Throwable endedEarly) {
        Duration window = Duration.ofNanos(System.nanoTime() - openedAt);
        AccessUnit key = keyframe.get();
        VideoParameters params = playing.videoParameters() != null ? playing.videoParameters()
                : key == null ? null : key.parameters();
        return new Sample(playing, params, frames.get(), key, window, endedEarly);
    }

    private void onAccessUnit(AccessUnit unit) {
        frames.incrementAndGet();
        if (unit.keyframe() && keyframe.get() == null) {
            keyframe.compareAndSet(null, unit);
        }
    }
}
