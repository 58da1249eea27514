package org.skynet.vms.core.live;

import java.time.Instant;

/**
 * A camera's latest keyframe as a JPEG, for browsers that cannot play its codec live.
 *
 * @param number  counts the keyframes of the camera's still source: a new number is a new picture
 * @param time    when the picture was taken (the camera's wall clock, or its arrival when not anchored)
 * @param width   the stream's picture width in pixels (the JPEG is that wide unless over the still width limit)
 * @param height  the stream's picture height in pixels
 * @param jpeg    the picture; owned by this record, shared by every viewer of the keyframe
 */
public record LiveStill(long number, Instant time, int width, int height, byte[] jpeg) {
}
