package org.skynet.vms.adapters.sim;

/** The kinds of misbehaviour a {@link SimulatedCamera} can be switched into; see {@link Fault}. */
public enum FaultKind {
    /** Healthy camera. */
    NONE,
    /** Listeners unbound: TCP connections to the camera's ONVIF and RTSP ports are refused. */
    DOWN,
    /** TCP connections are accepted and closed at once, without a byte (device at its connection limit). */
    REFUSING,
    /** The camera's password was changed: the fleet's credentials get RTSP 401 / ONVIF NotAuthorized. */
    WRONG_PASSWORD,
    /** Every RTSP and ONVIF answer is sent after {@link Fault#delay()}. */
    SLOW,
    /** RTSP sessions stop sending RTP/RTCP after PLAY (the TCP connection stays open, RTSP still answers). */
    STALL,
    /** The camera clock is off by {@link Fault#clockDrift()}: GetSystemDateAndTime and WS-Security freshness use it. */
    CLOCK_DRIFT,
    /** The main profile is only 640x360: ONVIF reports it and {@code /main} serves the SD clip. */
    SD_ONLY
}
