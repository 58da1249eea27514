package org.skynet.vms.core.places.report;

/** A report as it was signed: the stored figures and the signature. */
public record SignedReport(Signature signature, CoverageReport report) {
}
