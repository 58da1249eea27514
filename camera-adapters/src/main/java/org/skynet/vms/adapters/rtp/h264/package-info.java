/**
 * H.264 over RTP (<a href="https://www.rfc-editor.org/rfc/rfc6184">RFC 6184</a>): depacketizer
 * (single NAL unit, STAP-A, FU-A), packetizer, and SPS parsing (ITU-T H.264 §7.3.2.1).
 */
package org.skynet.vms.adapters.rtp.h264;
