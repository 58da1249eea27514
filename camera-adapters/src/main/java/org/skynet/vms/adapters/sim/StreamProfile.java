package org.skynet.vms.adapters.sim;

/**
 * The two media profiles every simulated camera offers: an HD main stream and an SD sub stream.
 * The RTSP path and the ONVIF profile token are both {@link #token()}.
 */
public enum StreamProfile {
    MAIN("main"),
    SUB("sub");

    private final String token;

    StreamProfile(String token) {
        this.token = token;
    }

    /** ONVIF profile token and RTSP path segment: {@code main} or {@code sub}. */
    public String token() {
        return token;
    }

    /** The profile named by an ONVIF token or RTSP path segment, or {@code null} if none. */
    public static StreamProfile fromToken(String token) {
        for (StreamProfile p : values()) {
            if (p.token.equals(token)) {
                return p;
            }
        }
        return null;
    }
}
