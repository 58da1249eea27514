package org.skynet.vms.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.server.Json;

/**
 * What the monitor benchmark watches: every state change in-process (a {@code MonitorService} listener,
 * timed with {@link System#nanoTime}) and every alarm as an operator's console receives it on the
 * {@code /api/events} WebSocket (a camera's own alarm, or the district storm alarm naming it as a member,
 * whichever comes first). Alarms or non-ONLINE transitions of cameras that have no fault set are
 * counted as false. Thread-safe.
 */
final class HealthObserver implements WebSocket.Listener {
    private final Map<String, Long> firstOnline = new ConcurrentHashMap<>();
    private final Map<String, Long> offline = new ConcurrentHashMap<>();
    private final Map<String, Long> alarms = new ConcurrentHashMap<>();
    private final Set<String> faulty = ConcurrentHashMap.newKeySet();
    private final AtomicInteger falseAlarms = new AtomicInteger();
    private final AtomicInteger falseTransitions = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    private volatile long lastOnlineNanos;

    /** A {@code MonitorService} listener: runs on the monitor thread. */
    void stateChanged(StateChange change) {
        long now = System.nanoTime();
        if (change.to() == HealthState.ONLINE && firstOnline.putIfAbsent(change.cameraId(), now) == null) {
            lastOnlineNanos = now;
        }
        if (change.to() == HealthState.OFFLINE) {
            offline.putIfAbsent(change.cameraId(), now);
        }
        if (change.to() != HealthState.ONLINE && change.to() != HealthState.UNKNOWN && !faulty.contains(change.cameraId())) {
            if (falseTransitions.incrementAndGet() <= 3) {
                System.err.println("monitor: unexpected transition " + change);
            }
        }
    }

    /**
     * Marks cameras as deliberately faulty from now on; an OFFLINE or alarm they had before (a first sweep
     * on a starved machine) does not count as the detection of this fault.
     */
    void faultsSet(Iterable<String> ids) {
        for (String id : ids) {
            faulty.add(id);
            offline.remove(id);
            alarms.remove(id);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        long now = System.nanoTime();
        synchronized (partial) {
            partial.append(data);
            if (last) {
                message(partial.toString(), now);
                partial.setLength(0);
            }
        }
        ws.request(1);
        return null;
    }

    private void message(String text, long now) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (!"alarm".equals(node.path("type").asText())) {
                return;
            }
            List<String> cameras = new ArrayList<>();
            if (node.hasNonNull("cameraId")) {
                cameras.add(node.get("cameraId").asText());
            }
            node.path("members").forEach(m -> cameras.add(m.asText()));
            for (String cameraId : cameras) {
                // a storm alarm (one per district) names its member cameras: each counts as alarmed when first named
                if (alarms.putIfAbsent(cameraId, now) == null && !faulty.contains(cameraId)) {
                    falseAlarms.incrementAndGet();
                }
            }
        } catch (java.io.IOException e) {
            System.err.println("monitor: unreadable event: " + text);
        }
    }

    int onlineCount() {
        return firstOnline.size();
    }

    long lastOnlineNanos() {
        return lastOnlineNanos;
    }

    Long offlineAt(String cameraId) {
        return offline.get(cameraId);
    }

    Long alarmAt(String cameraId) {
        return alarms.get(cameraId);
    }

    int falseAlarms() {
        return falseAlarms.get();
    }

    int falseTransitions() {
        return falseTransitions.get();
    }
}
