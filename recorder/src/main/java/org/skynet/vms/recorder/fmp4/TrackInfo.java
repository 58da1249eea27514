package org.skynet.vms.recorder.fmp4;

import org.skynet.vms.adapters.media.Codec;

/**
 * What an init segment says about its one video track.
 *
 * @param codec       from the sample entry type ({@code avc1}/{@code avc3} → H.264, {@code hvc1}/{@code hev1} → H.265)
 * @param width       sample entry width in pixels
 * @param height      sample entry height in pixels
 * @param timescale   {@code mdhd} ticks per second
 */
public record TrackInfo(Codec codec, int width, int height, long timescale) {
}
