package org.skynet.vms.core.alarms;

import java.time.Instant;

/**
 * A filter of the alarm list; every part optional (null). Newest first; {@code afterId} continues a
 * page (alarms with a smaller id).
 *
 * @param since alarms raised at or after this instant
 */
public record AlarmQuery(AlarmStatus status, String district, AlarmSeverity severity, Instant since, int limit,
                         Long afterId) {
}
