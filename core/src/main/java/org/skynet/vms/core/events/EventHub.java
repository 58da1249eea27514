package org.skynet.vms.core.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.core.alarms.AlarmEvent;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.users.DistrictScope;

/**
 * Fans events out to every open {@code /api/events} connection. Each event is encoded to JSON once;
 * offering it to a connection only queues it (see {@link EventSession}), so the caller — the monitor
 * thread or an alarm acknowledgement — never waits for a client.
 *
 * <p>Messages: {@code {"type":"state","cameraId","from","to","reason","at","latencyMillis"}},
 * {@code {"type":"alarm"|"alarm.acknowledged"|"alarm.cleared", ...the alarm's fields}}, and
 * {@code {"type":"cameraEvent","cameraId","kind","topic","active","at","source","data"}} for ONVIF motion and
 * tamper events pulled from a camera, and {@code {"type":"resync","dropped":n}} when a slow connection lost
 * messages.
 *
 * <p>Each connection gets only the messages of its user's districts ({@link DistrictScope}): alarms by
 * their district, state changes and camera events by their camera's district.
 */
public final class EventHub {
    private final Set<EventSession> sessions = ConcurrentHashMap.newKeySet();
    private final int queueCapacity;
    private final Function<String, Optional<String>> districtOf;

    /**
     * @param queueCapacity messages kept per connection before the oldest are dropped
     * @param districtOf    the district of a camera id, empty when unknown (then only unscoped users get it)
     */
    public EventHub(int queueCapacity, Function<String, Optional<String>> districtOf) {
        this.queueCapacity = queueCapacity;
        this.districtOf = districtOf;
    }

    /** A state change (a monitor listener). */
    public void stateChanged(StateChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "state");
        m.put("cameraId", c.cameraId());
        m.put("from", c.from());
        m.put("to", c.to());
        m.put("reason", c.reason());
        m.put("at", c.at());
        m.put("latencyMillis", c.latencyMillis());
        publish(c.cameraId(), new String(Json.write(m), java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An alarm event (an alarm-service listener). */
    public void alarmEvent(AlarmEvent e) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", e.type());
        node.setAll((ObjectNode) Json.MAPPER.valueToTree(e.alarm()));
        toDistrict(e.alarm().district(), node.toString());
    }

    /**
     * An ONVIF camera event (a {@link org.skynet.vms.core.cameraevents.CameraEventSink}); {@code at} is the
     * camera's own time of the event, null when it gave none.
     */
    public void cameraEvent(String cameraId, OnvifEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "cameraEvent");
        m.put("cameraId", cameraId);
        m.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("topic", e.topic());
        m.put("active", e.active());
        m.put("at", e.utcTime().orElse(null));
        m.put("source", e.source());
        m.put("data", e.data());
        publish(cameraId, new String(Json.write(m), java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Sends an already encoded message about a camera to the connections whose districts include the camera's;
     * with a null {@code cameraId} (a message about no camera, e.g. "places changed") to every connection.
     */
    public void publish(String cameraId, String json) {
        if (cameraId == null) {
            sessions.forEach(s -> s.offer(json));
        } else {
            toDistrict(districtOf.apply(cameraId).orElse(null), json);
        }
    }

    private void toDistrict(String district, String json) {
        for (EventSession s : sessions) {
            if (s.scope().allows(district)) {
                s.offer(json);
            }
        }
    }

    /** Open connections. */
    public int connections() {
        return sessions.size();
    }

    EventSession open(io.netty.channel.Channel channel, String user, DistrictScope scope) {
        EventSession s = new EventSession(channel, user, scope, queueCapacity);
        sessions.add(s);
        return s;
    }

    void closed(EventSession s) {
        sessions.remove(s);
    }
}
