/**
 * RTSP 1.0 server side (RFC 2326): re-streams live access units to VLC, ffplay or another VMS over
 * RTP interleaved in the RTSP connection (§10.12), with Digest authentication (RFC 2617, MD5). The
 * protocol lives here; who may watch what, and where the access units come from, is the caller's
 * {@link org.skynet.vms.adapters.rtsp.server.StreamAccess}.
 */
package org.skynet.vms.adapters.rtsp.server;
