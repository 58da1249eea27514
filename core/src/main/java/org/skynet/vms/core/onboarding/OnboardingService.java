package org.skynet.vms.core.onboarding;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.onvif.SoapHttpTransport;
import org.skynet.vms.adapters.onvif.discovery.WsDiscoveryProbe;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;
import org.skynet.vms.recorder.snapshot.SnapshotFetcher;

/**
 * Runs onboarding checks: owns the Netty event loops the ONVIF and RTSP clients share, the snapshot
 * decode pool and a small pool for blocking work (DNS, the callers' database writes). Any number of
 * checks may run at once; each is bounded by its settings' budget. Thread-safe. Close it to stop the
 * threads (running checks then fail).
 */
public final class OnboardingService implements AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorService decodeExecutor;
    private final ExecutorService blocking;
    private final Tools tools;
    private final Clock clock;

    /** What a run uses; shared by all runs. */
    record Tools(EventLoopGroup group, SoapHttpTransport transport, RtspClient rtsp, KeyframeDecoder decoder,
            SnapshotFetcher fetcher, Reachability reachability) {
    }

    /**
     * @param eventLoopThreads Netty event loops for ONVIF, RTSP and TCP probes
     * @param decodeThreads FFmpeg snapshot decode threads
     * @param clock our wall clock (clock offset, WS-Security timestamps)
     */
    public OnboardingService(int eventLoopThreads, int decodeThreads, Clock clock) {
        this.clock = clock;
        this.group = new MultiThreadIoEventLoopGroup(eventLoopThreads, new DefaultThreadFactory("vms-onboard", true),
                NioIoHandler.newFactory());
        this.decodeExecutor = KeyframeDecoder.newExecutor(decodeThreads);
        this.blocking = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(100_000),
                new DefaultThreadFactory("vms-onboard-io", true));
        this.tools = new Tools(group, new SoapHttpTransport(group, SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES),
                new RtspClient(group, clock), new KeyframeDecoder(decodeExecutor),
                SnapshotFetcher.create(Duration.ofSeconds(5), blocking), new Reachability(group, blocking));
    }

    /**
     * Starts one check. Never blocks; the future completes (normally, with a report whose verdict
     * may be FAIL) within about {@code settings.budget()}.
     *
     * @param listener told about each check as it completes (on an event loop: do not block)
     */
    public CompletableFuture<OnboardingReport> check(OnboardingTarget target, OnboardingSettings settings,
            CheckListener listener) {
        return new OnboardingRun(tools, target, settings, listener, clock).start();
    }

    /** A WS-Discovery prober on this service's event loops. */
    public WsDiscoveryProbe discovery() {
        return new WsDiscoveryProbe(group);
    }

    /** A small pool for blocking follow-up work (database writes after a run), never an event loop. */
    public Executor blockingExecutor() {
        return blocking;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        decodeExecutor.shutdownNow();
        blocking.shutdown();
    }
}
