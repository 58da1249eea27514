package org.skynet.vms.core.alarms;

import java.time.Instant;
import org.skynet.vms.core.users.DistrictScope;

/**
 * A filter of the alarm list; every part optional (null). Newest first; {@code afterId} continues a
 * page (alarms with a smaller id).
 *
 * @param since alarms raised at or after this instant
 * @param scope only alarms of these districts (storage alarms, district {@code storage}, only for unscoped callers)
 */
public record AlarmQuery(AlarmStatus status, String district, AlarmSeverity severity, Instant since, int limit,
                         Long afterId, DistrictScope scope) {

    public AlarmQuery {
        scope = scope == null ? DistrictScope.ALL : scope;
    }

    /** A query over every district. */
    public AlarmQuery(AlarmStatus status, String district, AlarmSeverity severity, Instant since, int limit,
            Long afterId) {
        this(status, district, severity, since, limit, afterId, DistrictScope.ALL);
    }
}
