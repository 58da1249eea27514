package org.skynet.vms.core.places.report;

import java.time.Instant;

/** One line of the list of signed reports: the signature and the headline figures. */
public record SignedReportEntry(Signature signature, String mode, Instant generatedAt, CoverageReport.Rate city) {
}
