/**
 * Playback: stitches the fragments of a camera's segment files that overlap a time range into one
 * fragmented MP4 without re-encoding ({@link org.skynet.vms.recorder.playback.PlaybackService}), and
 * finds the recorded keyframe at an instant for a thumbnail
 * ({@link org.skynet.vms.recorder.playback.RecordedKeyframes}). See "Playback" in
 * {@code docs/design/recording-storage.md}.
 */
package org.skynet.vms.recorder.playback;
