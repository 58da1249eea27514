package org.skynet.vms.core.audit;

/**
 * Where and how the audit chain is broken.
 *
 * @param entryId the id of the first entry found wrong (for a removal: the entry after the gap, or the
 *                last entry when the tail is missing; 0 when the log is empty)
 * @param kind    what happened to the log there
 * @param message what is wrong, for people
 */
public record ChainBreak(long entryId, Kind kind, String message) {

    /** What was done to the log. */
    public enum Kind {
        /** An entry's content no longer matches its hash. */
        CHANGED,
        /** One or more entries are missing. */
        REMOVED,
        /** An entry was added without going through the audit log. */
        INSERTED
    }
}
