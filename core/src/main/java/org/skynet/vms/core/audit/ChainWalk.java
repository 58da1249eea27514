package org.skynet.vms.core.audit;

import java.util.Optional;

/**
 * Checks entries in id order against the chain rules, one at a time, and stops at the first break:
 * every entry must be chained, carry the next seq (a gap = removed entries), link to the previous
 * entry's hash (a wrong link = something inserted or re-chained before it) and carry the hash of its
 * own content (a wrong hash = changed). Used for the database ({@link AuditVerifier}) and for exports
 * ({@link ExportVerifier}). Not thread-safe: one walk per thread.
 */
final class ChainWalk {
    private long expectedSeq;
    private String prevHash;
    private long lastId;
    private long count;

    /** A walk whose first entry must have {@code firstSeq} and link to {@code prevHash}. */
    ChainWalk(long firstSeq, String prevHash) {
        this.expectedSeq = firstSeq;
        this.prevHash = prevHash;
    }

    /** Checks the next entry; the break it shows, if any. */
    Optional<ChainBreak> accept(ChainedEntry e) {
        if (e.hash() == null || e.seq() == null || e.prevHash() == null) {
            return broken(e.id(), ChainBreak.Kind.INSERTED, "entry " + e.id() + " is not chained (no seq/hash):"
                    + " it was inserted without going through the audit log");
        }
        if (e.seq() > expectedSeq) {
            return broken(e.id(), ChainBreak.Kind.REMOVED, (e.seq() - expectedSeq) + " entr" + (e.seq() - expectedSeq == 1 ? "y" : "ies")
                    + " (seq " + expectedSeq + (e.seq() - 1 > expectedSeq ? "-" + (e.seq() - 1) : "") + ") removed"
                    + (count == 0 ? " before entry " : " between entry " + lastId + " and entry ") + e.id());
        }
        if (e.seq() < expectedSeq) {
            return broken(e.id(), ChainBreak.Kind.INSERTED, "entry " + e.id() + " has seq " + e.seq() + " but seq "
                    + expectedSeq + " was expected: it was inserted out of order");
        }
        if (!e.prevHash().equals(prevHash)) {
            return broken(e.id(), ChainBreak.Kind.INSERTED, "entry " + e.id() + " (seq " + e.seq() + ") does not link to the entry"
                    + " before it (prev_hash differs): the chain was rewritten from here");
        }
        if (!e.expectedHash().equals(e.hash())) {
            return broken(e.id(), ChainBreak.Kind.CHANGED, "entry " + e.id() + " (seq " + e.seq() + ") was changed:"
                    + " its content does not match its hash");
        }
        expectedSeq++;
        prevHash = e.hash();
        lastId = e.id();
        count++;
        return Optional.empty();
    }

    /** Entries accepted so far. */
    long count() {
        return count;
    }

    /** The seq the next entry must have. */
    long nextSeq() {
        return expectedSeq;
    }

    /** The hash of the last accepted entry. */
    String lastHash() {
        return prevHash;
    }

    /** The id of the last accepted entry, 0 if none. */
    long lastId() {
        return lastId;
    }

    private static Optional<ChainBreak> broken(long id, ChainBreak.Kind kind, String message) {
        return Optional.of(new ChainBreak(id, kind, message));
    }
}
