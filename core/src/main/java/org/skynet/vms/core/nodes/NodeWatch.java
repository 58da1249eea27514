package org.skynet.vms.core.nodes;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.skynet.vms.core.alarms.AlarmService;
import org.skynet.vms.core.server.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic check of cluster mode, on its own thread every {@link NodeSettings#checkInterval()}: two
 * queries ({@link NodeDirectory#overview}, {@link NodeDirectory#unassigned}), then the NODE_LOST alarms
 * ({@link AlarmService#lostNodes}) and the UNASSIGNED alarm ({@link AlarmService#unassignedCameras}) are
 * brought in line, and a {@code {"type":"nodes"}} message is pushed when a node's state or the number of
 * unassigned cameras changed, so that the nodes page need not wait for its next refresh. A check that fails
 * (database away) changes no alarm and is retried at the next period.
 */
public final class NodeWatch implements AutoCloseable {
    /** Camera ids kept in the UNASSIGNED alarm; the rest are counted. */
    static final int UNASSIGNED_LISTED = 200;
    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);

    private final NodeDirectory directory;
    private final NodeSettings settings;
    private final AlarmService alarms;
    private final Consumer<String> push;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private Map<String, Object> lastPushed;

    /**
     * @param push receives each {@code nodes} message as JSON (e.g. {@code json -> events.publish(null, json)})
     */
    public NodeWatch(NodeDirectory directory, NodeSettings settings, AlarmService alarms, Consumer<String> push,
                     Clock clock) {
        this.directory = directory;
        this.settings = settings;
        this.alarms = alarms;
        this.push = push;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vms-node-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every interval, the first time at once. */
    public NodeWatch start() {
        long period = settings.checkInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkLogged, 0, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One check, on the caller's thread (tests; the schedule calls it too); one caller at a time. */
    void check() {
        NodesOverview overview = directory.overview(settings);
        UnassignedCameras unassigned = directory.unassigned(settings.unassignedGrace(), UNASSIGNED_LISTED);
        Instant now = clock.instant();
        Map<String, String> lost = new LinkedHashMap<>();
        Map<String, Object> states = new LinkedHashMap<>();
        for (RecorderNode n : overview.nodes()) {
            states.put(n.nodeId(), n.state());
            if (n.state() == NodeState.LOST) {
                lost.put(n.nodeId(), "no heartbeat for " + n.heartbeatAgeMillis() / 1000 + " s (last at "
                        + n.heartbeatAt() + ", was " + n.reportedState() + " with " + n.leases() + " live leases of "
                        + n.cameras() + " cameras)");
            }
        }
        alarms.lostNodes(lost, now);
        alarms.unassignedCameras(unassigned.total(), unassigned.cameraIds(), now);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "nodes");
        message.put("states", states);
        message.put("unassignedCameras", overview.unassignedCameras());
        if (!message.equals(lastPushed)) {
            lastPushed = message;
            Map<String, Object> timed = new LinkedHashMap<>(message);
            timed.put("at", overview.at());
            push.accept(new String(Json.write(timed), StandardCharsets.UTF_8));
        }
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("recorder node check failed (alarms unchanged, retried in {} s): {}",
                    settings.checkInterval().toSeconds(), e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
