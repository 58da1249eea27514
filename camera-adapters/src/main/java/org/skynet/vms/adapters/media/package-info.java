/**
 * Codec-neutral video types shared by the RTP depacketizers, the simulator and the recorder:
 * {@link org.skynet.vms.adapters.media.AccessUnit}, {@link org.skynet.vms.adapters.media.VideoParameters},
 * parameter-set tracking and an Annex-B elementary stream reader (ITU-T H.264 / H.265 Annex B).
 */
package org.skynet.vms.adapters.media;
