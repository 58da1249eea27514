package org.skynet.vms.core.server;

/**
 * What one server-push WebSocket connection does at the points {@link WebSocketUpgradeHandler} and
 * {@link PushFrameHandler} share: the handshake's outcome, the channel becoming writable again, and the
 * connection's end. Called on the channel's event loop.
 */
public interface PushSession {
    /** The handshake was written; the connection is open. */
    default void upgraded() {
    }

    /** The handshake could not be written; the channel is closed next. */
    default void upgradeFailed() {
    }

    /** The channel became writable again after back-pressure. */
    default void writable() {
    }

    /** The connection ended (once, from {@code channelInactive}). */
    void closed();
}
