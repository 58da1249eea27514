package org.skynet.vms.core.audit;

import java.time.Instant;

/**
 * One audit entry with its place in the hash chain: as read back for verification and as written to
 * an export (one JSON object per line).
 *
 * @param id            the row id
 * @param seq           position in the chain (1, 2, 3, ...), or null for an entry that is not chained
 * @param at            when it happened (UTC, microsecond precision)
 * @param actor         username, or null for the system
 * @param action        dotted verb
 * @param target        what it was done to, or null
 * @param detail        free text, or null
 * @param remoteAddress the client's address, or null
 * @param prevHash      the hash of the entry before (64 zeros before the first), or null if not chained
 * @param hash          SHA-256 of {@code prevHash} and this entry's canonical content, hex, or null if not chained
 */
public record ChainedEntry(long id, Long seq, Instant at, String actor, String action, String target, String detail,
        String remoteAddress, String prevHash, String hash) {

    /** The hash this entry must carry given its content and {@link #prevHash}. */
    public String expectedHash() {
        return AuditChain.hash(prevHash, seq == null ? 0 : seq, at, actor, action, target, detail, remoteAddress);
    }
}
