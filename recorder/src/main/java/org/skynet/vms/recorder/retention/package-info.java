/**
 * Retention of recorded segments: per-camera maximum age and a per-storage-root free-space quota,
 * oldest first, never the file being written. See {@code docs/design/export-and-retention.md}.
 */
package org.skynet.vms.recorder.retention;
