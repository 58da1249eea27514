/**
 * Evidence export: a camera's recording of a time range copied out (no re-encoding) as MP4 files with
 * a manifest signed by the server's Ed25519 key, so a copy handed to a court can be checked later with
 * {@code vms verify-export DIR}. See {@code docs/design/export-and-retention.md}.
 */
package org.skynet.vms.core.exports;
