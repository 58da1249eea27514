package org.skynet.vms.core.alarms;

import java.util.List;

/** One page of alarms, newest first; {@code nextCursor} is null on the last page. */
public record AlarmPage(List<Alarm> items, String nextCursor) {
    public AlarmPage {
        items = List.copyOf(items);
    }
}
