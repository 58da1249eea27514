/**
 * SDP (<a href="https://www.rfc-editor.org/rfc/rfc4566">RFC 4566</a>) as RTSP DESCRIBE returns it, with
 * control URL resolution after <a href="https://www.rfc-editor.org/rfc/rfc2326#appendix-C.1.1">RFC 2326
 * C.1.1</a> and the H.264/H.265 {@code fmtp} parameters of RFC 6184 §8.1 and RFC 7798 §7.1.
 */
package org.skynet.vms.adapters.rtsp.sdp;
