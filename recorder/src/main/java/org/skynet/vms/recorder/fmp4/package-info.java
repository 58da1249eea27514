/**
 * Fragmented MP4 (ISO/IEC 14496-12 ISO BMFF, with the ISO/IEC 14496-15 {@code avc1}/{@code hvc1} sample
 * entries) written from {@link org.skynet.vms.adapters.media.AccessUnit}s without decoding: an init segment
 * ({@code ftyp}+{@code moov}), then {@code moof}+{@code mdat} fragments, plus the parser recovery needs.
 * Plain Java on heap {@link java.nio.ByteBuffer}s; no Netty. See {@code docs/design/recording-storage.md}.
 */
package org.skynet.vms.recorder.fmp4;
