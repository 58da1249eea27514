package org.skynet.vms.core.audit;

import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of verifying the audit log or an export.
 *
 * @param entries  how many entries were found intact before the end or the break
 * @param unchained entries written before the chain existed and not chained yet (no server has appended
 *                 since migration V6); they are not checked
 * @param broken   the first break, empty when the chain is intact
 */
public record VerifyResult(long entries, long unchained, Optional<ChainBreak> broken) {

    public boolean intact() {
        return broken.isEmpty();
    }

    /** One line for people: "intact: N entries" or "BROKEN at entry X: ...". */
    public String summary() {
        if (broken.isEmpty()) {
            return "intact: " + entries + " chained entries" + (unchained > 0 ? ", " + unchained
                    + " older entries not chained yet (chained by the next server start that writes to the log)" : "");
        }
        ChainBreak b = broken.get();
        return "BROKEN at entry " + b.entryId() + " (" + b.kind().name().toLowerCase(Locale.ROOT) + "): " + b.message()
                + "; " + entries + " entries before it are intact";
    }
}
