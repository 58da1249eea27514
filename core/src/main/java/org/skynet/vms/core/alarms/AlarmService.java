package org.skynet.vms.core.alarms;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.monitor.WriteBehind;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises and clears alarms from health transitions, takes acknowledgements, and groups storms.
 *
 * <ul>
 *   <li>A camera entering OFFLINE or AUTH_FAILED (MAJOR), or DEGRADED because its stream is missing
 *   (MINOR), gets one active alarm; any other transition clears it ("recovered: ONLINE ...").</li>
 *   <li>Storm control: when {@link AlarmSettings#stormThreshold()} camera alarms of one district are
 *   raised within {@link AlarmSettings#stormWindow()}, one CRITICAL storm alarm lists them; while it is
 *   active, later failures of that district join it instead of being pushed one by one. Members are
 *   still tracked (each has its own alarm with {@code groupId}); the storm clears when all have.</li>
 *   <li>Acknowledging a storm acknowledges its active members.</li>
 *   <li>Conditions that concern no camera keep one active alarm each while they last: STORAGE per storage
 *   root, NODE_LOST per recorder node, and one UNASSIGNED alarm for all the cameras without a recorder node
 *   (its list follows each check).</li>
 * </ul>
 *
 * <p>Memory is the truth for active alarms (restored at start); every snapshot goes to the database
 * through a {@link WriteBehind}, so a database outage delays the rows but loses none and never blocks
 * the monitor. Thread-safe (one lock; the work under it is in-memory only).
 */
public final class AlarmService {
    /** District of storage alarms (they concern a recorder, not a camera). */
    public static final String STORAGE_DISTRICT = "storage";
    /** District of recorder-node alarms (NODE_LOST, UNASSIGNED): cluster-wide, like storage alarms. */
    public static final String CLUSTER_DISTRICT = "cluster";
    /** Camera ids named in the message of an UNASSIGNED alarm; the rest are counted. */
    private static final int UNASSIGNED_NAMED = 20;
    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmStore store;
    private final WriteBehind<Alarm> writer;
    private final AlarmSettings settings;
    private final Function<String, Optional<String>> districtOf;
    private final AtomicLong ids;
    private final List<Consumer<AlarmEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Map<Long, Alarm> active = new HashMap<>();
    private final Map<String, Long> activeByCamera = new HashMap<>();
    private final Map<String, Long> stormByDistrict = new HashMap<>();
    private final Map<String, Deque<Long>> recentByDistrict = new HashMap<>();

    /**
     * @param districtOf the district of a camera (unknown cameras are put in district "unknown")
     */
    public AlarmService(AlarmStore store, WriteBehind<Alarm> writer, AlarmSettings settings,
                        Function<String, Optional<String>> districtOf) {
        this.store = store;
        this.writer = writer;
        this.settings = settings;
        this.districtOf = districtOf;
        this.ids = new AtomicLong(maxId(store));
        restore();
    }

    /** Registers a listener of alarm events; called under the service's lock, must not block. */
    public void onEvent(Consumer<AlarmEvent> listener) {
        listeners.add(listener);
    }

    /** Applies one health transition (a {@code MonitorService} listener). */
    public synchronized void stateChanged(StateChange change) {
        AlarmKind kind = kindOf(change);
        Long current = activeByCamera.get(change.cameraId());
        if (current != null) {
            Alarm a = active.get(current);
            if (a.kind() == kind) {
                return;
            }
            String why = change.to() == HealthState.MAINTENANCE ? "muted: " : "recovered: ";
            clearCamera(a, change.at(), kind == null ? why + change.to() + " (" + change.reason() + ")"
                    : "superseded by " + kind);
        }
        if (kind != null) {
            raise(change, kind);
        }
    }

    /**
     * An operator acknowledges an active alarm.
     *
     * @throws VmsException NOT_FOUND for an unknown id, CONFLICT when cleared or already acknowledged
     */
    public Alarm acknowledge(long id, String user, String note, Instant now) {
        return acknowledge(id, DistrictScope.ALL, user, note, now);
    }

    /** Like {@link #acknowledge(long, String, String, Instant)}; an alarm outside {@code scope} is NOT_FOUND. */
    public Alarm acknowledge(long id, DistrictScope scope, String user, String note, Instant now) {
        String absent = "no alarm with id " + id;
        synchronized (this) {
            Alarm a = active.get(id);
            if (a != null) {
                return acknowledgeActive(scope.require(a, a.district(), absent), user, note, now);
            }
        }
        // Not active: look it up outside the lock, so that a slow database never holds up the monitor.
        Optional<Alarm> stored = store.find(id).filter(a -> scope.allows(a.district()));
        if (stored.isPresent()) {
            throw VmsException.conflict("alarm " + id + " was cleared at " + stored.get().clearedAt()
                    + "; there is nothing left to acknowledge");
        }
        throw VmsException.notFound(absent);
    }

    private Alarm acknowledgeActive(Alarm a, String user, String note, Instant now) {
        if (a.ackedAt() != null) {
            throw VmsException.conflict("alarm " + a.id() + " was already acknowledged by " + a.ackedBy() + " at "
                    + a.ackedAt());
        }
        Alarm acked = a.acknowledged(now, user, note);
        put(acked);
        publish(AlarmEvent.ACKNOWLEDGED, acked);
        if (a.kind() == AlarmKind.STORM) {
            for (Alarm m : List.copyOf(active.values())) {
                if (Long.valueOf(a.id()).equals(m.groupId()) && m.ackedAt() == null) {
                    put(m.acknowledged(now, user, note));
                }
            }
        }
        return acked;
    }

    /**
     * Raises or clears the STORAGE alarm of a recorder storage root: one active alarm per root (district
     * {@value #STORAGE_DISTRICT}, no camera), raised (MAJOR) when {@code problem} is present and none is
     * active, cleared when {@code problem} is empty. Called by the recorder after each sweep and write failure.
     */
    public synchronized void storageProblem(String storageRoot, Optional<String> problem, Instant at) {
        condition(AlarmKind.STORAGE, STORAGE_DISTRICT, storagePrefix(storageRoot), problem, at,
                "storage keeps up again");
    }

    /**
     * Brings the NODE_LOST alarms in line with the recorder nodes LOST now: one MAJOR alarm per node in
     * {@code lost} (district {@value #CLUSTER_DISTRICT}; the value says what is known, e.g. the last heartbeat),
     * raised if it has none; every other node's alarm is cleared, also one restored for a node since removed.
     */
    public synchronized void lostNodes(Map<String, String> lost, Instant at) {
        for (Alarm a : List.copyOf(active.values())) {
            if (a.kind() == AlarmKind.NODE_LOST
                    && lost.keySet().stream().noneMatch(n -> a.message().startsWith(nodePrefix(n)))) {
                clear(a, at, "the node is no longer lost (heartbeating again, stopped or removed)");
            }
        }
        lost.forEach((node, problem) -> condition(AlarmKind.NODE_LOST, CLUSTER_DISTRICT, nodePrefix(node),
                Optional.of(problem), at, null));
    }

    private static String nodePrefix(String nodeId) {
        return "recorder node " + nodeId + ": ";
    }

    /**
     * Brings the one UNASSIGNED alarm (CRITICAL, district {@value #CLUSTER_DISTRICT}) in line with the cameras
     * that should be recorded but have no recorder node: raised when {@code total} becomes positive, updated
     * (an {@code alarm} event, as a growing storm) when the list changes, cleared when it is zero again.
     *
     * @param cameraIds the first of them by id; they become the alarm's members, the first 20 are in its message
     */
    public synchronized void unassignedCameras(int total, List<String> cameraIds, Instant at) {
        Optional<Alarm> current = active.values().stream().filter(a -> a.kind() == AlarmKind.UNASSIGNED)
                .findFirst();
        if (total == 0) {
            current.ifPresent(a -> clear(a, at, "every camera to record has a recorder node again"));
            return;
        }
        String message = total + (total == 1 ? " camera" : " cameras") + " to record without a recorder node: "
                + String.join(", ", cameraIds.subList(0, Math.min(UNASSIGNED_NAMED, cameraIds.size())))
                + (total > UNASSIGNED_NAMED ? " and " + (total - UNASSIGNED_NAMED) + " more" : "");
        if (current.isEmpty()) {
            Alarm a = Alarm.raised(ids.incrementAndGet(), AlarmKind.UNASSIGNED, AlarmSeverity.CRITICAL, null,
                    CLUSTER_DISTRICT, message, at).withMembers(cameraIds);
            put(a);
            log.warn("{}", message);
            publish(AlarmEvent.RAISED, a);
        } else if (!current.get().message().equals(message) || !current.get().members().equals(cameraIds)) {
            Alarm changed = current.get().regrouped(cameraIds, message);
            put(changed);
            publish(AlarmEvent.RAISED, changed);
        }
    }

    /**
     * One alarm per condition, found by kind and message prefix: raised (MAJOR) when {@code problem} is present
     * and none is active, cleared with {@code clearReason} when it is empty.
     */
    private void condition(AlarmKind kind, String district, String prefix, Optional<String> problem, Instant at,
                           String clearReason) {
        Optional<Alarm> current = active.values().stream()
                .filter(a -> a.kind() == kind && a.message().startsWith(prefix)).findFirst();
        if (problem.isPresent() && current.isEmpty()) {
            Alarm a = Alarm.raised(ids.incrementAndGet(), kind, AlarmSeverity.MAJOR, null, district,
                    prefix + problem.get(), at);
            put(a);
            log.warn("{} alarm: {}", kind, a.message());
            publish(AlarmEvent.RAISED, a);
        } else if (problem.isEmpty() && current.isPresent()) {
            clear(current.get(), at, clearReason);
        }
    }

    /** Clears an alarm that concerns no camera. */
    private void clear(Alarm a, Instant at, String reason) {
        Alarm cleared = a.cleared(at, reason);
        active.remove(cleared.id());
        writer.add(cleared);
        publish(AlarmEvent.CLEARED, cleared);
    }

    private static String storagePrefix(String storageRoot) {
        return "storage root " + storageRoot + ": ";
    }

    /** The active alarm of a camera, if any. */
    public synchronized Optional<Alarm> activeFor(String cameraId) {
        Long id = activeByCamera.get(cameraId);
        return id == null ? Optional.empty() : Optional.of(active.get(id));
    }

    /** Every active alarm (storms and members), by id. */
    public synchronized List<Alarm> active() {
        return active.values().stream().sorted((x, y) -> Long.compare(x.id(), y.id())).toList();
    }

    /** The stored list (see {@link AlarmStore#page}); lags memory by the writer's period. */
    public AlarmPage list(AlarmQuery query) {
        return store.page(query);
    }

    private void raise(StateChange change, AlarmKind kind) {
        String district = districtOf.apply(change.cameraId()).orElse("unknown");
        AlarmSeverity severity = kind == AlarmKind.STREAM_MISSING ? AlarmSeverity.MINOR : AlarmSeverity.MAJOR;
        Alarm a = Alarm.raised(ids.incrementAndGet(), kind, severity, change.cameraId(), district,
                "camera " + change.cameraId() + " " + change.to() + ": " + change.reason(), change.at());
        long now = change.at().toEpochMilli();
        Deque<Long> recent = recentByDistrict.computeIfAbsent(district, d -> new ArrayDeque<>());
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst() < now - settings.stormWindow().toMillis()) {
            recent.pollFirst();
        }
        Long stormId = stormByDistrict.get(district);
        if (stormId != null) {
            a = a.inGroup(stormId);
            put(a);
            Alarm storm = active.get(stormId);
            Alarm grown = storm.withMember(a.cameraId(), stormMessage(district, storm.members().size() + 1));
            put(grown);
            publish(AlarmEvent.RAISED, grown);
            return;
        }
        put(a);
        if (recent.size() >= settings.stormThreshold()) {
            startStorm(district, change.at());
        } else {
            publish(AlarmEvent.RAISED, a);
        }
    }

    private void startStorm(String district, Instant at) {
        long since = at.toEpochMilli() - settings.stormWindow().toMillis();
        List<Alarm> members = active.values().stream()
                .filter(m -> m.cameraId() != null && m.district().equals(district) && m.groupId() == null
                        && m.raisedAt().toEpochMilli() >= since)
                .sorted((x, y) -> Long.compare(x.id(), y.id())).toList();
        long id = ids.incrementAndGet();
        List<String> cameras = members.stream().map(Alarm::cameraId).toList();
        Alarm storm = Alarm.raised(id, AlarmKind.STORM, AlarmSeverity.CRITICAL, null, district,
                stormMessage(district, cameras.size()), at).withMembers(cameras);
        members.forEach(m -> put(m.inGroup(id)));
        put(storm);
        stormByDistrict.put(district, id);
        log.warn("alarm storm in district {}: {} cameras failed within {} s", district, cameras.size(),
                settings.stormWindow().toSeconds());
        publish(AlarmEvent.RAISED, storm);
    }

    private static String stormMessage(String district, int n) {
        return n + " cameras of district " + district + " failed together";
    }

    private void clearCamera(Alarm a, Instant at, String reason) {
        Alarm cleared = a.cleared(at, reason);
        active.remove(a.id());
        activeByCamera.remove(a.cameraId());
        writer.add(cleared);
        if (a.groupId() == null) {
            publish(AlarmEvent.CLEARED, cleared);
            return;
        }
        long storm = a.groupId();
        boolean anyLeft = active.values().stream().anyMatch(m -> Long.valueOf(storm).equals(m.groupId()));
        if (!anyLeft) {
            Alarm s = active.remove(storm);
            if (s != null) {
                stormByDistrict.remove(s.district());
                Alarm sc = s.cleared(at, "every camera of the storm recovered");
                writer.add(sc);
                publish(AlarmEvent.CLEARED, sc);
            }
        }
    }

    private void put(Alarm a) {
        active.put(a.id(), a);
        if (a.cameraId() != null) {
            activeByCamera.put(a.cameraId(), a.id());
        }
        writer.add(a);
    }

    private void publish(String type, Alarm a) {
        AlarmEvent e = new AlarmEvent(type, a);
        for (Consumer<AlarmEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.warn("alarm listener failed for alarm {}: {}", a.id(), ex.toString());
            }
        }
    }

    private static AlarmKind kindOf(StateChange c) {
        if (c.to() == HealthState.OFFLINE) {
            return AlarmKind.OFFLINE;
        }
        if (c.to() == HealthState.AUTH_FAILED) {
            return AlarmKind.AUTH_FAILED;
        }
        if (c.to() == HealthState.DEGRADED && c.reason().startsWith("stream missing")) {
            return AlarmKind.STREAM_MISSING;
        }
        return null;
    }

    private void restore() {
        try {
            for (Alarm a : store.loadActive()) {
                active.put(a.id(), a);
                if (a.cameraId() != null) {
                    activeByCamera.put(a.cameraId(), a.id());
                } else if (a.kind() == AlarmKind.STORM) {
                    stormByDistrict.put(a.district(), a.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("cannot restore active alarms (starting with none): {}", e.toString());
        }
    }

    private static long maxId(AlarmStore store) {
        try {
            return store.maxId();
        } catch (RuntimeException e) {
            // Database away at start: ids from the clock stay above any stored one.
            return System.currentTimeMillis() * 1000;
        }
    }
}
