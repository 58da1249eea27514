package org.skynet.vms.core.cameraevents;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.adapters.onvif.SoapHttpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one ONVIF PullPoint subscription per watched camera and hands every active motion or tamper
 * change to a {@link CameraEventSink}.
 *
 * <p>Cost per camera: one {@link CameraSubscription} (a few fields) and, while subscribed, one HTTP
 * connection holding a PullMessages; no thread per camera. Network work runs on the given event loops;
 * the sink is called on one delivery thread of the watcher's own, which also re-reads the watched set
 * every {@link CameraEventSettings#refresh()} when started with {@link #start(Supplier)}. At most
 * {@link CameraEventSettings#maxSubscribing()} subscribe handshakes run at once.
 *
 * <p>Construct, then either {@link #watch(Collection)} a fixed set or {@link #start(Supplier)} with a
 * source that is re-read; {@link #close()} unsubscribes everything (best effort). Thread-safe.
 */
public final class OnvifEventWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifEventWatcher.class);

    private final EventLoopGroup group;
    private final SoapHttpTransport transport;
    private final CameraEventSettings settings;
    private final Clock clock;
    private final CameraEventSink sink;
    private final SubscribeGate gate;
    private final ScheduledExecutorService delivery;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    private record Watched(WatchTarget target, CameraSubscription subscription) {
    }

    /**
     * @param group event loops for the ONVIF calls and timers (shared, not closed by the watcher)
     * @param sink where active motion/tamper events go
     */
    public OnvifEventWatcher(EventLoopGroup group, CameraEventSettings settings, Clock clock, CameraEventSink sink) {
        this.group = group;
        this.transport = new SoapHttpTransport(group, SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
        this.settings = settings;
        this.clock = clock;
        this.sink = sink;
        this.gate = new SubscribeGate(settings.maxSubscribing());
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-camera-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** Re-reads {@code targets} now and every refresh interval on the delivery thread, and watches what it returns. */
    public void start(Supplier<? extends Collection<WatchTarget>> targets) {
        long millis = settings.refresh().toMillis();
        delivery.scheduleWithFixedDelay(() -> {
            try {
                watch(targets.get());
            } catch (RuntimeException e) {
                LOG.warn("camera events: cannot read the watched cameras: {}", e.toString());
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the watched set exactly {@code targets}: subscribes new cameras, unsubscribes those no longer
     * listed, and starts over for a camera whose URL or credentials changed.
     */
    public synchronized void watch(Collection<WatchTarget> targets) {
        Map<String, WatchTarget> wanted = new HashMap<>();
        targets.forEach(t -> wanted.put(t.cameraId(), t));
        for (Watched w : List.copyOf(watched.values())) {
            WatchTarget now = wanted.get(w.target().cameraId());
            if (!w.target().equals(now)) {
                watched.remove(w.target().cameraId());
                w.subscription().stop();
            }
        }
        for (WatchTarget t : wanted.values()) {
            if (!watched.containsKey(t.cameraId())) {
                Watched w = new Watched(t, subscription(t));
                watched.put(t.cameraId(), w);
                w.subscription().start();
            }
        }
    }

    /** The camera's subscription as last seen, if it is watched. */
    public Optional<WatchStatus> status(String cameraId) {
        return Optional.ofNullable(watched.get(cameraId)).map(w -> w.subscription().status());
    }

    /** Number of watched cameras. */
    public int size() {
        return watched.size();
    }

    /** Unsubscribes every camera (best effort, not awaited) and stops the delivery thread. */
    @Override
    public synchronized void close() {
        watched.values().forEach(w -> w.subscription().stop());
        watched.clear();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("camera events: delivery still busy after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private CameraSubscription subscription(WatchTarget t) {
        OnvifClient client = new OnvifClient(transport, t.onvifUrl(), t.credentials(), clock,
                settings.callTimeout());
        return new CameraSubscription(t.cameraId(), client, settings, clock, group.next(), gate,
                messages -> deliver(t.cameraId(), messages));
    }

    /** Queues the active motion/tamper changes among {@code messages} for the sink; returns how many. */
    private int deliver(String cameraId, List<OnvifEvent> messages) {
        List<OnvifEvent> wanted = messages.stream()
                .filter(m -> m.kind() != OnvifEvent.Kind.OTHER && m.active() && !m.initial()).toList();
        if (wanted.isEmpty()) {
            return 0;
        }
        delivery.execute(() -> {
            for (OnvifEvent e : wanted) {
                try {
                    sink.onCameraEvent(cameraId, e);
                } catch (RuntimeException ex) {
                    LOG.warn("{}: camera event sink failed on {}: {}", cameraId, e.topic(), ex.toString());
                }
            }
        });
        return wanted.size();
    }
}
