package org.skynet.vms.adapters.sim;

/** The RTSP authentication challenge simulated cameras send on a request without valid credentials. */
public enum RtspAuthScheme {
    /** RFC 2617 Digest (MD5, no qop), what most IP cameras ask for. Basic is refused. */
    DIGEST,
    /** RFC 7617 Basic. Digest answers are refused. */
    BASIC
}
