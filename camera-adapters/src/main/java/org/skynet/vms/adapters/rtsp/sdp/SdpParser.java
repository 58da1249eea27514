package org.skynet.vms.adapters.rtsp.sdp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the SDP body of an RTSP DESCRIBE response (RFC 4566, with RFC 2326 C.1 for control URLs).
 * Only what playing a camera stream needs is kept: media sections, their first payload format's
 * {@code rtpmap} and {@code fmtp}, control URLs and frame rate.
 *
 * <p>Bounded: at most {@link #MAX_BODY_CHARS} characters, {@link #MAX_LINES} lines of
 * {@link #MAX_LINE_CHARS} characters and {@link #MAX_MEDIA} media sections.
 *
 * <p>Strict about the minimum that tells SDP from any other body: the first line that is not blank
 * must be {@code v=0} (RFC 4566 §5: the description starts with its version, and the version is 0),
 * so an HTML error page or other text is refused instead of being read as a description without
 * media.
 *
 * <p>Lenient where cameras break the spec and the intent is clear (see rtp/README.md for the table):
 * bare {@code \n} line ends and trailing whitespace; blank lines before {@code v=0}; unknown or malformed
 * attribute lines (ignored); spaces around {@code fmtp} parameters; {@code HEVC} as an encoding name;
 * relative control URLs appended to a base without a trailing slash (see {@link #resolveControl}).
 * Stateless and thread-safe.
 */
public final class SdpParser {
    /** Largest body accepted, in characters. */
    public static final int MAX_BODY_CHARS = 64 * 1024;
    /** Most lines accepted. */
    public static final int MAX_LINES = 1024;
    /** Longest line accepted, in characters (long enough for big {@code sprop} values). */
    public static final int MAX_LINE_CHARS = 8 * 1024;
    /** Most {@code m=} sections accepted. */
    public static final int MAX_MEDIA = 16;
    /** The version line every description starts with (RFC 4566 §5.1). */
    private static final String VERSION_LINE = "v=0";
    /** Characters of an unexpected first line quoted in the error message. */
    private static final int QUOTED_CHARS = 40;

    private SdpParser() {
    }

    /**
     * Parses a session description.
     *
     * @param body    the SDP text
     * @param baseUri the URL relative control attributes resolve against: the response's Content-Base,
     *                else Content-Location, else the request URL (RFC 2326 C.1.1); pass it without credentials
     * @throws SdpException when the body does not start with {@code v=0}, breaks a limit, or an
     *                      {@code m=}, {@code rtpmap} or control line cannot be understood
     */
    public static SessionDescription parse(String body, URI baseUri) {
        if (body.length() > MAX_BODY_CHARS) {
            throw new SdpException("SDP body of " + body.length() + " characters exceeds " + MAX_BODY_CHARS);
        }
        String sessionName = "";
        String sessionControl = null;
        List<MediaBuilder> media = new ArrayList<>();
        MediaBuilder current = null;
        boolean versionSeen = false;
        int lineNo = 0;
        int pos = 0;
        while (pos < body.length()) {
            int nl = body.indexOf('\n', pos);
            int end = nl < 0 ? body.length() : nl;
            // Lenient: bare LF line ends and trailing whitespace (many cameras).
            String line = body.substring(pos, end).strip();
            pos = end + 1;
            if (++lineNo > MAX_LINES) {
                throw new SdpException("SDP has more than " + MAX_LINES + " lines");
            }
            if (line.length() > MAX_LINE_CHARS) {
                throw new SdpException("SDP line " + lineNo + " is longer than " + MAX_LINE_CHARS + " characters");
            }
            if (!versionSeen) {
                if (!line.isEmpty()) {
                    requireVersion(line, lineNo);
                    versionSeen = true;
                }
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue; // blank or not "x=..." (some cameras end the body with stray bytes)
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (media.size() == MAX_MEDIA) {
                    throw new SdpException("SDP has more than " + MAX_MEDIA + " media sections");
                }
                current = MediaBuilder.fromMediaLine(value, lineNo);
                media.add(current);
            } else if (type == 's' && current == null) {
                sessionName = value;
            } else if (type == 'a') {
                int colon = value.indexOf(':');
                String name = (colon < 0 ? value : value.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
                String attr = colon < 0 ? "" : value.substring(colon + 1).strip();
                if (current == null) {
                    if (name.equals("control")) {
                        sessionControl = attr;
                    }
                } else {
                    current.attribute(name, attr, lineNo);
                }
            }
        }
        if (!versionSeen) {
            throw new SdpException("SDP body is blank: no " + VERSION_LINE + " line");
        }
        URI control = resolveControl(baseUri, sessionControl);
        List<MediaDescription> out = new ArrayList<>(media.size());
        for (MediaBuilder m : media) {
            out.add(m.build(baseUri));
        }
        return new SessionDescription(sessionName, baseUri, control, out);
    }

    private static void requireVersion(String line, int lineNo) {
        if (!line.equals(VERSION_LINE)) {
            String quoted = (line.length() > QUOTED_CHARS ? line.substring(0, QUOTED_CHARS) + "…" : line)
                    .replaceAll("\\p{Cntrl}", "?");
            throw new SdpException("not SDP: line " + lineNo + " is \"" + quoted + "\", not " + VERSION_LINE);
        }
    }

    /**
     * Resolves a control attribute (RFC 2326 C.1.1): absent or {@code *} means the base URL; an
     * absolute {@code rtsp:}/{@code rtsps:} URL is used as is; a path starting with {@code /} replaces
     * the base's path. Lenient: any other relative control is appended to the base with one {@code /}
     * between, as live555 and ffmpeg do, rather than by RFC 3986 reference resolution. Cameras rely on
     * this when the base has no trailing slash (request URL used as base) or carries a query (Dahua:
     * {@code ...realmonitor?channel=1&subtype=0/} + {@code trackID=0}).
     *
     * @throws SdpException when the result is not a valid URI
     */
    public static URI resolveControl(URI base, String control) {
        if (control == null || control.isEmpty() || control.equals("*")) {
            return base;
        }
        try {
            String lower = control.toLowerCase(Locale.ROOT);
            if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://") || lower.startsWith("rtspu://")) {
                return new URI(control);
            }
            if (base == null) {
                throw new SdpException("relative control URL '" + control + "' without a base URL");
            }
            if (control.startsWith("/")) {
                return new URI(base.getScheme(), base.getRawAuthority(), null, null, null).resolve(new URI(control));
            }
            String b = base.toString();
            return new URI(b.endsWith("/") ? b + control : b + "/" + control);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SdpException("control URL '" + control + "' is not a valid URI: " + e.getMessage());
        }
    }

    /** Collects one media section's lines. */
    private static final class MediaBuilder {
        private static final Map<Integer, String[]> STATIC_PAYLOAD_TYPES = Map.of(
                0, new String[] {"PCMU", "8000"}, 8, new String[] {"PCMA", "8000"},
                26, new String[] {"JPEG", "90000"}, 32, new String[] {"MPV", "90000"},
                33, new String[] {"MP2T", "90000"});

        private final String media;
        private final int port;
        private final String protocol;
        private final int payloadType;
        private String encodingName;
        private int clockRateHz;
        private final Map<String, String> fmtp = new HashMap<>();
        private String control;
        private Double frameRateFps;

        private MediaBuilder(String media, int port, String protocol, int payloadType) {
            this.media = media;
            this.port = port;
            this.protocol = protocol;
            this.payloadType = payloadType;
            String[] known = STATIC_PAYLOAD_TYPES.get(payloadType);
            if (known != null) {
                encodingName = known[0];
                clockRateHz = Integer.parseInt(known[1]);
            }
        }

        static MediaBuilder fromMediaLine(String value, int lineNo) {
            String[] f = value.strip().split("\\s+");
            if (f.length < 4) {
                throw new SdpException("SDP line " + lineNo + ": m= needs media, port, protocol and a format");
            }
            String portField = f[1];
            int slash = portField.indexOf('/');
            int port = parseInt(slash < 0 ? portField : portField.substring(0, slash), 0, 65535, "m= port", lineNo);
            int pt = parseInt(f[3], 0, 127, "m= payload type", lineNo);
            return new MediaBuilder(f[0].toLowerCase(Locale.ROOT), port, f[2], pt);
        }

        void attribute(String name, String value, int lineNo) {
            switch (name) {
                case "control":
                    control = value;
                    break;
                case "rtpmap":
                    rtpmap(value, lineNo);
                    break;
                case "fmtp":
                    fmtp(value);
                    break;
                case "framerate":
                case "x-framerate": // seen on Axis and some ONVIF encoders
                    frameRateFps = parseFrameRate(value);
                    break;
                default:
                    break;
            }
        }

        private void rtpmap(String value, int lineNo) {
            String[] f = value.split("\\s+", 2);
            if (f.length < 2 || !isPayloadType(f[0])) {
                throw new SdpException("SDP line " + lineNo + ": malformed a=rtpmap '" + value + "'");
            }
            if (Integer.parseInt(f[0]) != payloadType) {
                return;
            }
            String[] enc = f[1].strip().split("/");
            if (enc.length == 0 || enc[0].isEmpty()) {
                throw new SdpException("SDP line " + lineNo + ": a=rtpmap without an encoding name '" + value + "'");
            }
            encodingName = enc[0];
            // Lenient: a trailing slash ("H264/90000/") seen on some encoders.
            clockRateHz = enc.length > 1 ? parseInt(enc[1], 1, 10_000_000, "rtpmap clock rate", lineNo) : 0;
        }

        private void fmtp(String value) {
            String[] f = value.split("\\s+", 2);
            if (f.length < 2 || !isPayloadType(f[0]) || Integer.parseInt(f[0]) != payloadType) {
                return;
            }
            // Lenient: spaces after ';' and a trailing ';' (Hikvision, Dahua).
            for (String param : f[1].split(";")) {
                int eq = param.indexOf('=');
                String key = (eq < 0 ? param : param.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                if (!key.isEmpty()) {
                    fmtp.put(key, eq < 0 ? "" : param.substring(eq + 1).strip());
                }
            }
        }

        MediaDescription build(URI baseUri) {
            return new MediaDescription(media, port, protocol, payloadType, encodingName, clockRateHz, fmtp,
                    resolveControl(baseUri, control), frameRateFps);
        }

        private static boolean isPayloadType(String s) {
            return !s.isEmpty() && s.length() <= 3 && s.chars().allMatch(Character::isDigit);
        }

        private static Double parseFrameRate(String value) {
            try {
                double fps = Double.parseDouble(value);
                return fps > 0 && fps <= 1000 ? fps : null;
            } catch (NumberFormatException e) {
                return null; // a frame rate is advisory; the SPS has the real one
            }
        }

        private static int parseInt(String s, int min, int max, String what, int lineNo) {
            try {
                int v = Integer.parseInt(s.strip());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below with the line number
            }
            throw new SdpException("SDP line " + lineNo + ": " + what + " '" + s + "' is not a number in " + min
                    + ".." + max);
        }
    }
}
