package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.WallClockSource;
import org.skynet.vms.core.server.Json;

class LiveMessagesTest {
    @Test
    void aTimeMessageNamesItsSourceAndKeepsMilliseconds() throws Exception {
        JsonNode m = Json.MAPPER.readTree(LiveMessages.time(900_000, Instant.parse("2026-11-26T07:01:12.345678Z"),
                WallClockSource.SERVER));
        assertEquals("time", m.get("type").textValue());
        assertEquals(900_000, m.get("decodeTime90k").longValue());
        assertEquals("2026-11-26T07:01:12.345Z", m.get("wall").textValue(), "milliseconds, as Date.parse reads them");
        assertEquals("server", m.get("source").textValue());
        assertEquals("camera", Json.MAPPER.readTree(LiveMessages.time(0, Instant.EPOCH, WallClockSource.CAMERA))
                .get("source").textValue());
    }
}
