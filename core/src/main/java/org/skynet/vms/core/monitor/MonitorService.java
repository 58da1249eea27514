package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health monitor as the server runs it: restores the stored states, watches every enabled camera of
 * the registry (following its changes), probes them over RTSP/ONVIF on the shared Netty event loops,
 * writes every transition in batches ({@link WriteBehind}), and tells listeners (alarms, live push)
 * of each {@link StateChange} on the monitor thread. Maintenance windows are set here.
 */
public final class MonitorService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MonitorService.class);
    /** How often the recorder's ingest sessions are looked at (bounds how late a stream loss is noticed). */
    static final Duration STREAM_CHECK = Duration.ofSeconds(1);

    private final CameraRegistry registry;
    private final HealthStore store;
    private final MonitorSettings settings;
    private final Clock clock;
    private final CameraHealthStates states;
    private final WriteBehind<HealthRecord> writer;
    private final Map<String, String> districts = new ConcurrentHashMap<>();
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService follower = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "monitor-registry");
        t.setDaemon(true);
        return t;
    });
    private HealthMonitor monitor;
    private RtspProber rtspProber;
    private volatile Supplier<Collection<IngestSnapshot>> liveStreams = List::of;

    public MonitorService(CameraRegistry registry, DataSource dataSource, MonitorSettings settings, Clock clock) {
        this.registry = registry;
        this.store = new HealthStore(dataSource);
        this.settings = settings;
        this.clock = clock;
        this.states = new CameraHealthStates(settings.policy());
        this.writer = new WriteBehind<>("camera-health", dataSource, HealthStore::write, settings.writeInterval());
    }

    /** Registers a listener of state changes (before {@link #start}); called on the monitor thread, must not block. */
    public void onChange(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /**
     * Watches recorded cameras through their live stream instead of probing them (before {@link #start}).
     *
     * @param sessions the recorder's ingest sessions now; must not block
     */
    public void watchLiveStreams(Supplier<Collection<IngestSnapshot>> sessions) {
        liveStreams = sessions;
    }

    /** Restores the stored states and starts probing through RTSP and ONVIF on {@code group}. */
    public void start(EventLoopGroup group) {
        RtspProber rtsp = new RtspProber(group, settings.probeTimeout(), settings.describeEvery(),
                settings.keptConnections(), settings.keptIdle());
        synchronized (this) {
            rtspProber = rtsp;
        }
        start(new CameraProber(rtsp, new OnvifProber(group, clock, settings.probeTimeout(), settings.maxClockDrift()),
                settings.onvifEvery()));
    }

    /** Restores the stored states and starts probing with {@code prober}. */
    public synchronized void start(Prober prober) {
        if (monitor != null) {
            throw new IllegalStateException("already started");
        }
        restore();
        monitor = new HealthMonitor(new ProbeScheduler(settings.maxInFlight(), 0.05, settings.confirmDelay(), clock.millis()), states, prober, clock);
        monitor.onChange(this::changed);
        monitor.watchStreams(liveStreams, STREAM_CHECK);
        monitor.start(settings.tick().toMillis());
        HealthMonitor m = monitor;
        RegistryFollower f = new RegistryFollower(registry, settings.intervalOf(), m::watch, m::watchNow,
                m::unwatch, districts);
        registry.onChange(change -> {
            if (follower.isShutdown()) {
                return;
            }
            // Unwatching needs no database: done at once, even while the follower is busy with a full read.
            RegistryFollower.stopped(change).forEach(m::unwatch);
            follower.execute(() -> {
                try {
                    f.changed(change);
                } catch (RuntimeException e) {
                    log.warn("cannot apply a registry change (the next full read will): {}", e.toString());
                }
            });
        });
        follower.scheduleWithFixedDelay(() -> {
            try {
                List<String> known = new ArrayList<>();
                states.all().forEach(h -> known.add(h.cameraId()));
                f.sync(known);
            } catch (RuntimeException e) {
                log.warn("cannot read the camera registry (retrying in {} s): {}", settings.registryPoll().toSeconds(),
                        e.toString());
            }
        }, 0, settings.registryPoll().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every camera's current health (weakly consistent). */
    public CameraHealthStates states() {
        return states;
    }

    /** The district of a watched camera, if known. */
    public Optional<String> districtOf(String cameraId) {
        return Optional.ofNullable(districts.get(cameraId));
    }

    /** The health of one watched camera, or NOT_FOUND. */
    public CameraHealth health(String cameraId) {
        return states.get(cameraId).orElseThrow(() -> VmsException.notFound(notWatched(cameraId)));
    }

    /** The health of one watched camera in {@code scope}; outside it the same NOT_FOUND as for an unknown one. */
    public CameraHealth health(String cameraId, DistrictScope scope) {
        CameraHealth h = health(cameraId);
        return scope.require(h, districtOf(cameraId).orElse(null), notWatched(cameraId));
    }

    private static String notWatched(String cameraId) {
        return "camera " + cameraId + " is not watched (unknown, disabled, or not picked up from the registry yet)";
    }

    /** Puts a camera in maintenance until {@code until}; its failures raise no alarm meanwhile. */
    public CameraHealth startMaintenance(String cameraId, String reason, Instant until) {
        health(cameraId);
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw VmsException.invalid("until", "until must be in the future");
        }
        return onMonitorThread(s -> s.maintenanceStarted(cameraId, now, reason, until), cameraId);
    }

    /** Ends a maintenance window early; the next probe decides the state. */
    public CameraHealth endMaintenance(String cameraId) {
        health(cameraId);
        return onMonitorThread(s -> s.maintenanceEnded(cameraId, clock.instant()), cameraId);
    }

    /** The history of one camera or district needed for uptime (see {@link HealthStore#history}). */
    public Map<String, List<StateChange>> history(String cameraId, String district, Instant from, Instant to) {
        try {
            return store.history(cameraId, district, from, to);
        } catch (SQLException e) {
            throw Jdbc.translate(e);
        }
    }

    /** The database writer, for its backlog figures. */
    public WriteBehind<HealthRecord> writer() {
        return writer;
    }

    private CameraHealth onMonitorThread(Function<CameraHealthStates, Optional<StateChange>> event, String cameraId) {
        CompletableFuture<CameraHealth> done = new CompletableFuture<>();
        monitor().apply(s -> {
            try {
                Optional<StateChange> c = event.apply(s);
                done.complete(s.get(cameraId).orElseThrow());
                return c;
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return Optional.empty();
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new VmsException(ErrorKind.INTERNAL, e.toString());
        } catch (TimeoutException e) {
            throw new VmsException(ErrorKind.TIMEOUT, "the monitor did not take the change within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmsException(ErrorKind.INTERNAL, "interrupted");
        }
    }

    private synchronized HealthMonitor monitor() {
        if (monitor == null) {
            throw new VmsException(ErrorKind.UNREACHABLE, "the monitor is not running");
        }
        return monitor;
    }

    private void changed(StateChange change) {
        states.get(change.cameraId()).ifPresent(h -> writer.add(new HealthRecord(change, h)));
        for (Consumer<StateChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.warn("state-change listener failed for {}: {}", change.cameraId(), e.toString());
            }
        }
    }

    private void restore() {
        try {
            List<CameraHealth> stored = store.loadAll();
            stored.forEach(states::restored);
            log.info("restored the health of {} cameras", stored.size());
        } catch (SQLException | RuntimeException e) {
            log.warn("cannot restore camera states (starting from UNKNOWN): {}", e.toString());
        }
    }

    @Override
    public void close() {
        follower.shutdownNow();
        HealthMonitor m;
        RtspProber rtsp;
        synchronized (this) {
            m = monitor;
            rtsp = rtspProber;
        }
        if (m != null) {
            m.close();
        }
        if (rtsp != null) {
            rtsp.close();
        }
        writer.close();
    }
}
