package org.skynet.vms.adapters.rtsp;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.skynet.vms.errors.VmsException;

/**
 * Where and how to open one RTSP stream. Credentials given in the URL's userinfo
 * ({@code rtsp://user:pass@host/path}, percent-decoded) are moved into {@link #credentials()}, so
 * {@link #uri()} never carries them: it is what goes on the wire and into messages. Explicit
 * credentials win over URL ones.
 *
 * @param uri         {@code rtsp://host[:port]/path[?query]}, without userinfo; port 554 when absent
 * @param credentials the account, or {@code null} for none
 * @param transport   how to receive RTP
 * @param timeouts    time limits
 */
public record RtspSource(URI uri, Credentials credentials, RtpTransport transport, RtspTimeouts timeouts) {

    /** The IANA port for RTSP. */
    public static final int DEFAULT_PORT = 554;

    public RtspSource {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(timeouts, "timeouts");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("rtsp")) {
            throw VmsException.invalid("uri", "not an rtsp:// URL: " + withoutUserInfo(uri));
        }
        if (uri.getHost() == null) {
            throw VmsException.invalid("uri", "no host in " + withoutUserInfo(uri));
        }
        if (uri.getRawUserInfo() != null) {
            if (credentials == null) {
                credentials = fromUserInfo(uri.getRawUserInfo());
            }
            uri = withoutUserInfo(uri);
        }
    }

    /** A TCP-interleaved source with default timeouts; credentials from the URL if it has them. */
    public static RtspSource of(String url) {
        return of(url, null, null);
    }

    /**
     * A TCP-interleaved source with default timeouts.
     *
     * @param username account name, or {@code null} to take credentials from the URL (if any)
     * @param password password; {@code null} counts as empty
     */
    public static RtspSource of(String url, String username, String password) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // URISyntaxException echoes the input, which may hold a password: say where, not what.
            throw VmsException.invalid("uri", "malformed RTSP URL at index " + e.getIndex() + ": " + e.getReason());
        }
        Credentials credentials = username == null ? null
                : new Credentials(username, password == null ? "" : password);
        return new RtspSource(uri, credentials, RtpTransport.TCP_INTERLEAVED, RtspTimeouts.DEFAULT);
    }

    /** This source with another RTP transport. */
    public RtspSource withTransport(RtpTransport newTransport) {
        return new RtspSource(uri, credentials, newTransport, timeouts);
    }

    /** This source with other time limits. */
    public RtspSource withTimeouts(RtspTimeouts newTimeouts) {
        return new RtspSource(uri, credentials, transport, newTimeouts);
    }

    /** The TCP port to connect to. */
    public int port() {
        return uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    }

    /** The request URL as sent on the wire: {@link #uri()} as a string. */
    public String requestUrl() {
        return uri.toASCIIString();
    }

    @Override
    public String toString() {
        return "RtspSource[" + uri + (credentials == null ? "" : " as " + credentials.username()) + ", "
                + transport + "]";
    }

    private static Credentials fromUserInfo(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String pass = colon < 0 ? "" : rawUserInfo.substring(colon + 1);
        return new Credentials(decode(user), decode(pass));
    }

    private static String decode(String s) {
        // URLDecoder turns '+' into a space, which is wrong for a URI userinfo: protect it first.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath() == null ? null
                    : uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw VmsException.invalid("uri", "cannot rebuild the RTSP URL without credentials: " + e.getReason());
        }
    }
}
