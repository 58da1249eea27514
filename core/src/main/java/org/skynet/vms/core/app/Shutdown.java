package org.skynet.vms.core.app;

import java.util.List;
import org.slf4j.Logger;

/**
 * Closes the components of a process in the reverse of the order they were started in, so each one closes
 * before what it uses (the database last). A component that fails to close is logged and the others still
 * close.
 */
public final class Shutdown {
    private Shutdown() {
    }

    /** Closes {@code started} from the last to the first; failures go to {@code log} as warnings. */
    public static void inReverse(List<? extends AutoCloseable> started, Logger log) {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable c = started.get(i);
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
