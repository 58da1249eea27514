/**
 * Live streaming of one camera's ingest session as fragmented MP4 for Media Source Extensions: an init
 * segment, then one movie fragment per access unit on a timeline that continues across reconnects.
 * Built on the {@code fmp4} writers; knows nothing of HTTP or WebSockets.
 */
package org.skynet.vms.recorder.live;
