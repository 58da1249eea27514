/**
 * The supervisor's coverage audit report: figures from a coverage snapshot with, for every place below its
 * requirement, the uncounted cameras that would restore it ({@link org.skynet.vms.core.places.report.ReportBuilder});
 * rendered as CSV, printable HTML and PDF; signed-off snapshots and daily rate snapshots stored in the database.
 * See {@code docs/design/coverage-report.md}.
 */
package org.skynet.vms.core.places.report;
