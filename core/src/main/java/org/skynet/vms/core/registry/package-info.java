/**
 * The camera registry: cameras with their placement, stream URLs and sealed credentials, keyset-paged
 * search, and all-or-nothing bulk import and export in CSV (RFC 4180) and GeoJSON (RFC 7946).
 * See {@code docs/design/registry.md}.
 */
package org.skynet.vms.core.registry;
