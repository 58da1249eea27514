/**
 * RTSP 1.0 client (<a href="https://www.rfc-editor.org/rfc/rfc2326">RFC 2326</a>) on Netty's RTSP
 * codec: OPTIONS, DESCRIBE, SETUP (TCP interleaved or UDP), PLAY, GET_PARAMETER keep-alive and
 * TEARDOWN, with Basic and Digest authentication (RFC 7617, RFC 7616). Entry point:
 * {@link org.skynet.vms.adapters.rtsp.RtspClient}; vendor quirks are listed in {@code README.md}
 * next to this package.
 */
package org.skynet.vms.adapters.rtsp;
