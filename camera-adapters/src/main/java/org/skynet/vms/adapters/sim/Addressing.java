package org.skynet.vms.adapters.sim;

/**
 * How simulated cameras are told apart on loopback. See {@code README.md} for the trade-off.
 */
public enum Addressing {
    /**
     * Every camera on {@code 127.0.0.1} with its own RTSP and ONVIF ports (consecutive from the
     * configured base ports, or ephemeral when the base is 0). At most ~30,000 cameras (port space).
     */
    PORTS,
    /**
     * Every camera on its own loopback address {@code 127.x.y.z}, counting up from the configured
     * first address, all on the same two fixed ports. Two listening sockets (file descriptors) per camera.
     */
    ADDRESSES,
    /**
     * Every camera behind the same two listeners on one address: one RTSP and one ONVIF port for the
     * whole fleet, the camera named by the URL path ({@code rtsp://host:port/<id>/main},
     * {@code http://host:port/onvif/<id>/device_service}). Two descriptors for any fleet size; a
     * {@code DOWN} camera's connections are closed without an answer instead of being refused.
     */
    PATHS
}
