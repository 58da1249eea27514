package org.skynet.vms.recorder.playback;

import java.time.Instant;

/**
 * One MP4 stitched from recorded fragments.
 *
 * @param bytes               the whole file: {@code ftyp}, {@code moov}, then {@code moof}+{@code mdat} pairs
 * @param startWall           wall time of the first sample (at or before the requested start)
 * @param endWall             wall time where the last sample ends
 * @param fragments           fragments in the file
 * @param frames              samples in the file
 * @param duration90k         media duration, 90 kHz ticks (gaps between recordings removed)
 * @param parametersChanged   whether the range went on with other codec parameters, which were left out
 */
public record StitchedMp4(byte[] bytes, Instant startWall, Instant endWall, int fragments, long frames,
        long duration90k, boolean parametersChanged) {
}
