package org.skynet.vms.adapters.sim.rtsp;

import io.netty.channel.Channel;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimulatedCamera;

/**
 * One RTSP session replaying a clip over RTP (interleaved or UDP, see {@link RtpSink}), paced in
 * real time by a timer on the connection's own event loop (no thread per camera). Frame {@code n}
 * since PLAY is clip frame {@code n mod frameCount} with RTP timestamp
 * {@code base + n * frameDuration}, so timestamps and sequence numbers run on across loops, pauses
 * and stalls as they do on a real camera. An RTCP sender report pairing the wall clock with the RTP
 * clock goes out with the first frame and every {@link #SENDER_REPORT_INTERVAL}.
 *
 * <p>Back-pressure: while the sink is not writable, frames are dropped and sending resumes at the
 * next keyframe, so a slow reader never makes the server buffer without bound. If the timer falls
 * behind by more than {@link #MAX_BURST_FRAMES}, the lost time is skipped rather than replayed in
 * a burst. {@link FaultKind#STALL} sends nothing; {@link FaultKind#DOWN} closes the connection.
 *
 * <p>Event loop only.
 */
final class ReplaySession {
    static final Duration SENDER_REPORT_INTERVAL = Duration.ofSeconds(5);
    static final int MAX_BURST_FRAMES = 25;

    private final String id;
    private final Channel channel;
    private final RtpSink sink;
    private final SimulatedCamera camera;
    private final RtpClip clip;
    private final int ssrc;
    private final int timestampBase;
    private final long frameNanos;
    private final int framesPerReport;
    private int nextSeq;
    private long nextFrame;
    private long packetCount;
    private long octetCount;
    private long startNanos;
    private Instant wallAtFrameZero;
    private boolean waitingForKeyframe;
    private final Ticker ticker;
    private ScheduledFuture<?> timer;

    /**
     * @param channel the RTSP connection: the session's timer runs on its event loop and stops when it closes
     * @param sink where RTP and RTCP go
     */
    ReplaySession(String id, Channel channel, RtpSink sink, SimulatedCamera camera, RtpClip clip) {
        this.id = id;
        this.channel = channel;
        this.sink = sink;
        this.ticker = channel.eventLoop() instanceof AbstractScheduledEventExecutor loop ? loop.ticker()
                : Ticker.systemTicker();
        this.camera = camera;
        this.clip = clip;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.nextSeq = random.nextInt(0x10000);
        this.timestampBase = random.nextInt();
        this.frameNanos = TimeUnit.SECONDS.toNanos(1) / clip.frameRate();
        this.framesPerReport = (int) (SENDER_REPORT_INTERVAL.toSeconds() * clip.frameRate());
    }

    String id() {
        return id;
    }

    int ssrc() {
        return ssrc;
    }

    RtpSink sink() {
        return sink;
    }

    /** Sequence number of the next packet, for the PLAY answer's {@code RTP-Info}. */
    int nextSeq() {
        return nextSeq & 0xFFFF;
    }

    /** RTP timestamp of the next frame, for {@code RTP-Info}. */
    long nextTimestamp() {
        return timestamp(nextFrame) & 0xFFFF_FFFFL;
    }

    boolean playing() {
        return timer != null;
    }

    /**
     * Starts (or resumes) sending. On resume after PAUSE the media clock carries on from where it
     * stopped, as RFC 2326 §10.6 asks.
     *
     * @param now true wall-clock time, anchoring the RTCP sender reports; pacing uses the event
     *     loop's ticker, which tests on {@code EmbeddedChannel} can advance
     */
    void play(Instant now) {
        long nowNanos = ticker.nanoTime();
        if (timer != null) {
            return;
        }
        startNanos = nowNanos - nextFrame * frameNanos;
        wallAtFrameZero = camera.deviceTime(now).minusNanos(nextFrame * frameNanos);
        waitingForKeyframe = nextFrame % clip.frameCount() != 0;
        timer = channel.eventLoop().scheduleAtFixedRate(this::tick, 0, frameNanos, TimeUnit.NANOSECONDS);
    }

    /** Stops sending (PAUSE); PLAY resumes. */
    void pause() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Stops for good (TEARDOWN or connection closed) and releases the transport. */
    void close() {
        pause();
        sink.close();
    }

    private void tick() {
        if (!channel.isActive()) {
            close();
            return;
        }
        if (camera.is(FaultKind.DOWN)) {
            close();
            channel.close();
            return;
        }
        long due = (ticker.nanoTime() - startNanos) / frameNanos + 1;
        if (due - nextFrame > MAX_BURST_FRAMES) {
            nextFrame = due - 1;
            waitingForKeyframe = true;
        }
        boolean wrote = false;
        while (nextFrame < due) {
            wrote |= send(nextFrame++);
        }
        if (wrote) {
            sink.flush();
        }
    }

    private boolean send(long n) {
        int frame = (int) (n % clip.frameCount());
        boolean key = clip.isKeyframe(frame);
        if (camera.is(FaultKind.STALL) || !sink.writable()) {
            waitingForKeyframe = true;
            return false;
        }
        if (waitingForKeyframe && !key) {
            return false;
        }
        waitingForKeyframe = false;
        int ts = timestamp(n);
        if (n % framesPerReport == 0 || packetCount == 0) {
            sendReport(n, ts);
        }
        sink.writeFrame(clip, frame, nextSeq, ts, ssrc);
        nextSeq += clip.packetCount(frame);
        packetCount += clip.packetCount(frame);
        octetCount += clip.payloadBytes(frame);
        return true;
    }

    private void sendReport(long n, int ts) {
        Instant wall = wallAtFrameZero.plusNanos(n * frameNanos);
        sink.writeRtcp(new RtcpSenderReport(ssrc & 0xFFFF_FFFFL, RtcpSenderReport.instantToNtp(wall),
                ts & 0xFFFF_FFFFL, packetCount & 0xFFFF_FFFFL, octetCount & 0xFFFF_FFFFL).toBytes());
    }

    private int timestamp(long n) {
        return (int) (timestampBase + n * clip.frameDuration90k());
    }
}
