/**
 * Recording segments: {@link org.skynet.vms.recorder.segment.SegmentWriter} cuts a camera's access units
 * into self-contained fragmented-MP4 files of about a minute (keyframe-aligned fragments of about a
 * second, a new file at every gap or parameter change), {@link org.skynet.vms.recorder.segment.SegmentRecovery}
 * repairs a file cut short by a crash. Invariants: {@code docs/design/recording-storage.md}; the two
 * kinds of time: {@code docs/design/time.md}.
 */
package org.skynet.vms.recorder.segment;
