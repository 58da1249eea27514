package org.skynet.vms.adapters.sim.rtsp;

import org.skynet.vms.adapters.rtsp.server.SdpWriter;
import org.skynet.vms.adapters.sim.StreamProfile;

/**
 * What an RTSP request URI names on a simulated camera: {@code /main} or {@code /sub}, optionally
 * followed by the track, {@code /trackID=0}. Absolute ({@code rtsp://host:port/main}) and
 * path-only URIs are both accepted; a trailing slash is ignored.
 *
 * @param profile the stream
 * @param track the track control name, or {@code null} for the whole presentation
 */
record RtspTarget(StreamProfile profile, String track) {
    private static final int MAX_URI_CHARS = 1024;

    /** The target of {@code uri}, or {@code null} when it names nothing this camera serves. */
    static RtspTarget parse(String uri) {
        if (uri == null || uri.length() > MAX_URI_CHARS) {
            return null;
        }
        String path = uri;
        int scheme = uri.indexOf("://");
        if (scheme >= 0) {
            int slash = uri.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : uri.substring(slash);
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String[] segments = path.replaceAll("^/+|/+$", "").split("/+");
        if (segments.length == 0 || segments.length > 2) {
            return null;
        }
        StreamProfile profile = StreamProfile.fromToken(segments[0]);
        if (profile == null) {
            return null;
        }
        if (segments.length == 1) {
            return new RtspTarget(profile, null);
        }
        return segments[1].equals(SdpWriter.TRACK) ? new RtspTarget(profile, segments[1]) : null;
    }
}
