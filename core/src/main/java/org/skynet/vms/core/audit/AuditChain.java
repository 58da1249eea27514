package org.skynet.vms.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of the audit log: {@code hash = hex(SHA-256(prevHash + "\n" + canonical))}, where
 * the canonical content lists seq, at and the five text fields, each text as {@code <length>:<text>}
 * (or {@code -} for null) so that no two different entries share a canonical form. The first entry's
 * {@code prevHash} is {@link #GENESIS}. Pure functions; thread-safe.
 */
public final class AuditChain {
    /** The previous hash of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** The hash of an entry whose predecessor's hash is {@code prevHash}. */
    public static String hash(String prevHash, long seq, Instant at, String actor, String action, String target,
            String detail, String remoteAddress) {
        StringBuilder canonical = new StringBuilder(256).append(prevHash).append('\n')
                .append(seq).append('\n').append(at).append('\n');
        for (String field : new String[] {actor, action, target, detail, remoteAddress}) {
            if (field == null) {
                canonical.append('-');
            } else {
                canonical.append(field.length()).append(':').append(field);
            }
            canonical.append('\n');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** An instant as the database keeps it (microseconds), so that what was hashed is what is read back. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }
}
