/**
 * Live video in the browser: {@code GET /api/cameras/{id}/live} upgraded to a WebSocket that carries
 * fragmented MP4 for Media Source Extensions, fed from the camera's one ingest session through its GOP
 * cache. {@link org.skynet.vms.core.live.LiveUpgradeHandler} checks the caller and the camera before the
 * upgrade, {@link org.skynet.vms.core.live.LiveService} shares one {@code LiveChannel} (muxer) per camera
 * among its viewers, each {@code LiveViewer} has a bounded queue and skips to the next keyframe when full.
 * For browsers that cannot play the codec (H.265), {@link org.skynet.vms.core.live.LiveStills} serves the
 * latest keyframe as a JPEG from the same session, decoded once per keyframe. Who may watch:
 * {@link org.skynet.vms.core.live.LiveAccess}.
 */
package org.skynet.vms.core.live;
