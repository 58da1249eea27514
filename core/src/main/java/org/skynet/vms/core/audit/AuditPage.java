package org.skynet.vms.core.audit;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param items      at most the query's limit
 * @param nextCursor pass as {@code cursor} for the next (older) page; {@code null} on the last page
 */
public record AuditPage(List<AuditEntry> items, String nextCursor) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
