package org.skynet.vms.adapters.rtsp;

import org.skynet.vms.adapters.media.AccessUnit;

/**
 * Receives the access units of a playing stream, in decoding order. Called on the connection's
 * event loop, which serves many cameras: do not block, hand heavy work to another executor. An
 * exception thrown here is logged and the unit is lost; the stream goes on.
 */
@FunctionalInterface
public interface AccessUnitListener {
    /** One complete access unit; the array inside is the listener's to keep (not reused). */
    void onAccessUnit(AccessUnit unit);
}
