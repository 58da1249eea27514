package org.skynet.vms.core.live;

import io.netty.channel.Channel;
import java.util.Optional;

/**
 * Where a camera's live stream comes from when another process holds its ingest session: in a cluster,
 * the recorder node holding the camera's lease ({@code cluster.routing.NodeLiveRelays}). A relayed viewer
 * gets the node's WebSocket messages as they are; core has admitted and audits it as any viewer.
 */
@FunctionalInterface
public interface RemoteLive {
    /** Every camera's session is in this process. */
    RemoteLive NONE = (cameraId, viewer) -> Optional.empty();

    /**
     * Starts relaying {@code cameraId}'s live stream to {@code viewer} (an upgraded WebSocket) when another
     * process holds it; empty when the camera is served locally. Blocking: call from a worker.
     *
     * @return what stops the relay
     * @throws org.skynet.vms.errors.VmsException naming the node when it cannot be reached
     */
    Optional<AutoCloseable> relay(String cameraId, Channel viewer);
}
