/**
 * RTP and RTCP (<a href="https://www.rfc-editor.org/rfc/rfc3550">RFC 3550</a>) without Netty: packet
 * parsing, sender reports, timestamp extension and wall-clock mapping, sequence gap detection, and the
 * codec-neutral halves of video depacketizers and packetizers. See README.md for camera quirks.
 */
package org.skynet.vms.adapters.rtp;
