/**
 * The recording catalogue: one {@link org.skynet.vms.recorder.catalogue.SegmentRow} per segment file,
 * written from the segment writer's callbacks in batches on a dedicated thread
 * ({@link org.skynet.vms.recorder.catalogue.CatalogueWriter}, which keeps rows in memory through a
 * database outage), and repaired at start-up after a crash
 * ({@link org.skynet.vms.recorder.catalogue.CatalogueRecovery}). The store itself is behind
 * {@link org.skynet.vms.recorder.catalogue.SegmentCatalogue}: JDBC in core, in memory for tests.
 */
package org.skynet.vms.recorder.catalogue;
