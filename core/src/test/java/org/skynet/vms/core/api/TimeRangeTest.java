package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class TimeRangeTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration MONTH = Duration.ofDays(31);

    private static ApiRequest query(Map<String, String> params) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        params.forEach((k, v) -> query.put(k, List.of(v)));
        return new ApiRequest(HttpMethod.GET, "/api/x", Map.of(), query, new DefaultHttpHeaders(), new byte[0], null, null);
    }

    private static VmsException refused(Map<String, String> params) {
        return assertThrows(VmsException.class, () -> TimeRange.of(query(params), NOW, DAY, MONTH));
    }

    @Test
    void withoutParametersTheDayBeforeNow() {
        assertEquals(new TimeRange(NOW.minus(DAY), NOW), TimeRange.of(query(Map.of()), NOW, DAY, MONTH));
    }

    @Test
    void fromDefaultsToTheDefaultLengthBeforeAGivenTo() {
        Instant to = Instant.parse("2026-11-01T00:00:00Z");
        assertEquals(new TimeRange(to.minus(DAY), to), TimeRange.of(query(Map.of("to", " 2026-11-01T00:00:00Z ")), NOW, DAY, MONTH));
    }

    @Test
    void aValueThatIsNotAnInstantNamesItsParameter() {
        VmsException e = refused(Map.of("from", "yesterday"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("from", e.field());
        assertTrue(e.getMessage().contains("'yesterday'"), e.getMessage());
    }

    @Test
    void fromMustComeBeforeToAndTheRangeMayNotBeLongerThanTheLongest() {
        assertEquals("from", refused(Map.of("from", "2026-11-26T12:00:00Z", "to", "2026-11-26T12:00:00Z")).field());
        VmsException tooLong = refused(Map.of("from", "2026-10-01T00:00:00Z", "to", "2026-11-26T00:00:00Z"));
        assertTrue(tooLong.getMessage().contains("31 days"), tooLong.getMessage());
    }
}
