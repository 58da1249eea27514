package org.skynet.vms.core.places.report;

import java.time.Instant;

/**
 * A supervisor's sign-off of one stored report.
 *
 * @param id        the stored report's id
 * @param signedBy  the signing user's name
 * @param csvSha256 SHA-256 of the report's CSV ({@link ReportCsv#sha256}), lower-case hex
 * @param note      the supervisor's remark, or {@code null}
 */
public record Signature(long id, String signedBy, Instant signedAt, String csvSha256, String note) {
}
