/**
 * Event clips: a {@link org.skynet.vms.recorder.clips.PreRollBuffer} of each camera's last seconds, and a
 * {@link org.skynet.vms.recorder.clips.ClipAssembler} that, on a trigger, writes pre-roll plus post-roll
 * as one self-contained fragmented-MP4 file with the segment writer
 * ({@link org.skynet.vms.recorder.clips.ClipWriter}). Design: {@code docs/design/event-clips.md}.
 */
package org.skynet.vms.recorder.clips;
