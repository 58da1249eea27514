/**
 * RTSP re-stream of live cameras ({@code rtsp://HOST:8554/cameras/{id}}): the protocol is
 * {@link org.skynet.vms.adapters.rtsp.server}; this package supplies users' Digest secrets, who may
 * watch which camera, the camera's shared ingest session and the audit trail. See
 * docs/design/rtsp-restream.md.
 */
package org.skynet.vms.core.restream;
