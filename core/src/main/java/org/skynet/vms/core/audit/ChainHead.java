package org.skynet.vms.core.audit;

/**
 * The {@code audit_chain} row: the last chained entry and the entries written before the chain existed.
 *
 * @param legacyThrough the highest audit_log id written before migration V6 (chained by the first append after it)
 * @param seq           the seq of the last chained entry, 0 when none
 * @param hash          its hash, {@link AuditChain#GENESIS} when none
 */
public record ChainHead(long legacyThrough, long seq, String hash) {
}
