/**
 * H.265 over RTP (<a href="https://www.rfc-editor.org/rfc/rfc7798">RFC 7798</a>): depacketizer
 * (single NAL unit, AP, FU), packetizer, and SPS parsing (ITU-T H.265 §7.3.2.2).
 */
package org.skynet.vms.adapters.rtp.h265;
