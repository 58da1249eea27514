/**
 * Snapshots: one keyframe access unit (H.264 or H.265, with its parameter sets) or one JPEG from a
 * camera's ONVIF snapshot URI, decoded with FFmpeg (libavcodec through javacpp) into luma statistics
 * ("is the picture black or uniform?") and a small JPEG thumbnail. Decoding runs on a dedicated
 * executor, never on a Netty event loop. The recording path itself never decodes.
 *
 * @see <a href="https://ffmpeg.org/doxygen/7.0/group__lavc__decoding.html">libavcodec send/receive API</a>
 */
package org.skynet.vms.recorder.snapshot;
