package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.MEDIA;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.MEDIA2;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SCHEMA;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Parsers for Media (ver10, trt) and Media2 (ver20, tr2) answers: profiles with their video
 * encoder, stream and snapshot URIs. Pure functions from response bytes to records; the service
 * version is read from the response element's namespace, so one method serves both.
 */
public final class MediaResponses {
    private MediaResponses() {
    }

    /**
     * {@code GetProfilesResponse} (or {@code GetProfileResponse}) of Media or Media2.
     *
     * @throws OnvifException {@code PROTOCOL} when there is no profile or a profile has no token
     */
    public static List<Profile> profiles(byte[] xml) {
        Element r = SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES);
        String ns = mediaNamespace(r, "GetProfilesResponse", "GetProfileResponse");
        String element = r.getLocalName().equals("GetProfilesResponse") ? "Profiles" : "Profile";
        List<Profile> out = new ArrayList<>();
        for (Element p : OnvifXml.children(r, ns, element)) {
            String token = OnvifXml.attribute(p, "token")
                    .orElseThrow(() -> OnvifException.protocol(r.getLocalName() + ": profile without a token"));
            Optional<VideoEncoderConfiguration> encoder = MEDIA2.equals(ns)
                    ? OnvifXml.child(p, MEDIA2, "Configurations").flatMap(c -> OnvifXml.child(c, MEDIA2, "VideoEncoder"))
                    .map(MediaResponses::videoEncoder)
                    : OnvifXml.child(p, SCHEMA, "VideoEncoderConfiguration").map(MediaResponses::videoEncoder);
            String name = OnvifXml.childText(p, MEDIA2.equals(ns) ? MEDIA2 : SCHEMA, "Name").orElse("");
            out.add(new Profile(token, name, ns, encoder));
        }
        if (out.isEmpty()) {
            throw OnvifException.protocol(r.getLocalName() + " has no profile");
        }
        return out;
    }

    /** {@code GetVideoEncoderConfigurationsResponse} of Media or Media2. */
    public static List<VideoEncoderConfiguration> videoEncoderConfigurations(byte[] xml) {
        Element r = SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES);
        String ns = mediaNamespace(r, "GetVideoEncoderConfigurationsResponse");
        List<VideoEncoderConfiguration> out = new ArrayList<>();
        for (Element c : OnvifXml.children(r, ns, "Configurations")) {
            out.add(videoEncoder(c));
        }
        return out;
    }

    /**
     * {@code GetStreamUriResponse} or {@code GetSnapshotUriResponse} of Media or Media2.
     *
     * @throws OnvifException {@code PROTOCOL} when the URI is missing or not absolute
     */
    public static MediaUri mediaUri(byte[] xml) {
        Element r = SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES);
        String ns = mediaNamespace(r, "GetStreamUriResponse", "GetSnapshotUriResponse");
        if (MEDIA2.equals(ns)) {
            String uri = OnvifXml.childText(r, MEDIA2, "Uri")
                    .orElseThrow(() -> OnvifException.protocol(r.getLocalName() + " without Uri"));
            return new MediaUri(XsdValues.absoluteUri(uri, "media URI"), false, false, Duration.ZERO);
        }
        Element m = OnvifXml.child(r, MEDIA, "MediaUri")
                .orElseThrow(() -> OnvifException.protocol(r.getLocalName() + " without MediaUri"));
        String uri = OnvifXml.childText(m, SCHEMA, "Uri")
                .orElseThrow(() -> OnvifException.protocol("MediaUri without Uri"));
        return new MediaUri(XsdValues.absoluteUri(uri, "media URI"),
                OnvifXml.childText(m, SCHEMA, "InvalidAfterConnect").map(XsdValues::bool).orElse(false),
                OnvifXml.childText(m, SCHEMA, "InvalidAfterReboot").map(XsdValues::bool).orElse(false),
                OnvifXml.childText(m, SCHEMA, "Timeout").map(XsdValues::duration).orElse(Duration.ZERO));
    }

    /** Video encoder configuration: the same tt: children in Media and Media2. */
    private static VideoEncoderConfiguration videoEncoder(Element c) {
        Optional<Element> resolution = OnvifXml.child(c, SCHEMA, "Resolution");
        Optional<Element> rate = OnvifXml.child(c, SCHEMA, "RateControl");
        return new VideoEncoderConfiguration(
                OnvifXml.attribute(c, "token").orElse(""),
                OnvifXml.childText(c, SCHEMA, "Encoding").orElse(""),
                XsdValues.intOrZero(resolution.flatMap(x -> OnvifXml.childText(x, SCHEMA, "Width"))),
                XsdValues.intOrZero(resolution.flatMap(x -> OnvifXml.childText(x, SCHEMA, "Height"))),
                XsdValues.doubleOrZero(rate.flatMap(x -> OnvifXml.childText(x, SCHEMA, "FrameRateLimit"))),
                XsdValues.intOrZero(rate.flatMap(x -> OnvifXml.childText(x, SCHEMA, "BitrateLimit"))));
    }

    private static String mediaNamespace(Element response, String... localNames) {
        String ns = response.getNamespaceURI();
        if ((MEDIA.equals(ns) || MEDIA2.equals(ns)) && List.of(localNames).contains(response.getLocalName())) {
            return ns;
        }
        throw OnvifException.protocol("expected a Media or Media2 " + String.join(" or ", localNames)
                + ", got {" + ns + "}" + response.getLocalName());
    }
}
