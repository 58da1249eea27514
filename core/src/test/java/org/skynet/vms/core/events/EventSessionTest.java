package org.skynet.vms.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.users.DistrictScope;

/** A connection that stops reading: the hub keeps going, the connection drops the oldest and resyncs. */
class EventSessionTest {
    @Test
    void unwritableChannelDropsOldestAndResyncsWhenWritableAgain() {
        EventHub hub = new EventHub(3, id -> Optional.empty());
        EmbeddedChannel ch = new EmbeddedChannel();
        EventSession session = hub.open(ch, "operator", DistrictScope.ALL);
        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        for (int i = 0; i < 10; i++) {
            hub.stateChanged(new StateChange("cam-" + i, HealthState.ONLINE, HealthState.OFFLINE, "no answer",
                    Instant.parse("2026-11-26T07:00:00Z"), 5));
        }
        ch.runPendingTasks();
        assertNull(ch.readOutbound(), "nothing written while the client does not read");

        ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        session.drain();
        List<String> sent = new ArrayList<>();
        for (TextWebSocketFrame f; (f = ch.readOutbound()) != null; ) {
            sent.add(f.text());
            f.release();
        }
        assertEquals(4, sent.size(), sent.toString());
        assertTrue(sent.get(0).startsWith("{\"type\":\"resync\",\"dropped\":7"), sent.get(0));
        assertTrue(sent.get(1).contains("\"cameraId\":\"cam-7\""), sent.get(1));
        assertTrue(sent.get(3).startsWith("{\"type\":\"state\",\"cameraId\":\"cam-9\",\"from\":\"ONLINE\",\"to\":\"OFFLINE\""),
                sent.get(3));
        assertTrue(sent.get(3).contains("\"at\":\"2026-11-26T07:00:00Z\""), sent.get(3));
        hub.closed(session);
        assertEquals(0, hub.connections());
    }
}
