/**
 * Routing of recordings in a cluster (issue 9, {@code docs/design/scale-out.md#routing}): the node-side
 * file server that hands segment and clip files to core ({@link org.skynet.vms.core.cluster.routing.NodeFileServer}),
 * and core's side, which reads a catalogued file from the local storage root or from the recorder node
 * that wrote it ({@link org.skynet.vms.core.cluster.routing.RecordingFiles}).
 */
package org.skynet.vms.core.cluster.routing;
