package org.skynet.vms.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmEvent;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStatus;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.users.DistrictScope;

/** Each event connection gets only the state, alarm and coverage messages of its user's districts. */
class EventHubScopeTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    @Test
    void connectionsGetOnlyTheirDistricts() {
        Map<String, String> districts = Map.of("cam-n", "North", "cam-s", "South");
        EventHub hub = new EventHub(100, id -> Optional.ofNullable(districts.get(id)));
        EmbeddedChannel northChannel = new EmbeddedChannel();
        EmbeddedChannel allChannel = new EmbeddedChannel();
        hub.open(northChannel, "nora", new DistrictScope(Set.of("North")));
        hub.open(allChannel, "una", DistrictScope.ALL);

        for (String cameraId : List.of("cam-n", "cam-s", "cam-unknown")) {
            hub.stateChanged(new StateChange(cameraId, HealthState.ONLINE, HealthState.OFFLINE, "no answer", T0, 5));
        }
        hub.alarmEvent(new AlarmEvent(AlarmEvent.RAISED, alarm(1, "cam-s", "South")));
        hub.alarmEvent(new AlarmEvent(AlarmEvent.RAISED, alarm(2, "cam-n", "North")));
        hub.alarmEvent(new AlarmEvent(AlarmEvent.RAISED, alarm(3, null, "storage")));
        hub.publish("cam-s", "{\"type\":\"coverage\",\"cause\":\"camera\",\"cameraId\":\"cam-s\"}");
        hub.publish(null, "{\"type\":\"coverage\",\"cause\":\"places\"}");

        assertEquals(List.of("state cam-n", "alarm cam-n", "coverage places"), sent(northChannel));
        assertEquals(List.of("state cam-n", "state cam-s", "state cam-unknown", "alarm cam-s", "alarm cam-n",
                "alarm null", "coverage cam-s", "coverage places"), sent(allChannel));
    }

    private static List<String> sent(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<String> out = new ArrayList<>();
        for (TextWebSocketFrame f; (f = ch.readOutbound()) != null; ) {
            String text = f.text();
            f.release();
            String type = text.replaceAll("^\\{\"type\":\"([^\"]+)\".*", "$1");
            String camera = text.contains("\"cameraId\":\"") ? text.replaceAll(".*\"cameraId\":\"([^\"]+)\".*", "$1")
                    : text.contains("\"cause\":\"places\"") ? "places" : "null";
            out.add(type + " " + camera);
        }
        return out;
    }

    private static Alarm alarm(long id, String cameraId, String district) {
        return new Alarm(id, AlarmKind.OFFLINE, AlarmSeverity.MAJOR, AlarmStatus.OPEN, cameraId, district, "down", T0,
                null, null, null, null, null, null, List.of());
    }
}
