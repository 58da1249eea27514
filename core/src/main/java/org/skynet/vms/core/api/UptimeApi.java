package org.skynet.vms.core.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.skynet.vms.core.monitor.MonitorService;
import org.skynet.vms.core.monitor.StateChange;
import org.skynet.vms.core.monitor.Uptime;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;

/**
 * {@code GET /api/uptime?district=&cameraId=&from=&to=}: the fraction of the period each camera, each
 * district and all of them together were ONLINE or DEGRADED, from the transition history; MAINTENANCE and
 * UNKNOWN time are left out of the denominator (see {@link Uptime}). Default period: the last 24 hours;
 * at most 366 days.
 */
public final class UptimeApi {
    private static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final MonitorService monitor;
    private final Clock clock;

    public UptimeApi(MonitorService monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.get("/api/uptime", Access.ANY_USER, this::uptime);
    }

    /** Uptime of one camera or district on the wire; {@code fraction} null when nothing was counted. */
    record Entry(String id, Double fraction, long upMillis, long countedMillis) {
        static Entry of(String id, Uptime u) {
            return new Entry(id, u.fraction(), u.upMillis(), u.countedMillis());
        }
    }

    record Report(Instant from, Instant to, Entry total, List<Entry> districts, List<Entry> cameras) {
    }

    private ApiResponse uptime(ApiRequest req) {
        TimeRange range = TimeRange.of(req, clock.instant(), Duration.ofDays(1), MAX_PERIOD);
        Instant from = range.from();
        Instant to = range.to();
        String district = req.queryParam("district").orElse(null);
        DistrictScope scope = DistrictScope.of(req.principal());
        Map<String, List<StateChange>> history = monitor.history(req.queryParam("cameraId").orElse(null), district, from, to);
        history.keySet().removeIf(cameraId -> !scope.allows(monitor.districtOf(cameraId).orElse(null)));
        Map<String, Uptime> byDistrict = new TreeMap<>();
        List<Entry> cameras = new ArrayList<>();
        Uptime total = Uptime.NONE;
        for (Map.Entry<String, List<StateChange>> e : history.entrySet()) {
            Uptime u = Uptime.of(e.getValue(), from, to);
            cameras.add(Entry.of(e.getKey(), u));
            byDistrict.merge(monitor.districtOf(e.getKey()).orElse("unknown"), u, Uptime::plus);
            total = total.plus(u);
        }
        List<Entry> districts = new ArrayList<>();
        byDistrict.forEach((d, u) -> districts.add(Entry.of(d, u)));
        return ApiResponse.ok(new Report(from, to, Entry.of("all", total), districts, cameras));
    }
}
