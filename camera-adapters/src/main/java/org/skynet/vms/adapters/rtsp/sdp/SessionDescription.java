package org.skynet.vms.adapters.rtsp.sdp;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 4566) as an RTSP DESCRIBE returns it.
 *
 * @param sessionName the {@code s=} line, or an empty string
 * @param baseUri     the URL control attributes were resolved against (Content-Base, Content-Location or
 *                    the request URL, chosen by the caller per RFC 2326 C.1.1)
 * @param controlUri  the aggregate control URL for PLAY/PAUSE/TEARDOWN: session-level {@code a=control}
 *                    resolved, or {@code baseUri} when absent or {@code *}
 * @param media       the {@code m=} sections, in order
 */
public record SessionDescription(String sessionName, URI baseUri, URI controlUri, List<MediaDescription> media) {

    public SessionDescription {
        media = List.copyOf(media);
    }

    /** The first video section whose codec we can depacketize (H.264 or H.265), if any. */
    public Optional<MediaDescription> firstSupportedVideo() {
        return media.stream().filter(m -> "video".equals(m.media()) && m.codec() != null).findFirst();
    }
}
