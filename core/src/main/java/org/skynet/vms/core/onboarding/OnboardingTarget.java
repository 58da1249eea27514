package org.skynet.vms.core.onboarding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.skynet.vms.errors.VmsException;

/**
 * The camera to check: an ONVIF device service URL ({@code http://host[:port]/onvif/device_service})
 * or a stream URL ({@code rtsp://host[:port]/path}, then the ONVIF checks are skipped), and the
 * account. {@link #toString()} never shows the password.
 *
 * @param url without user info
 * @param username the account, or {@code null} for none
 * @param password the password, or {@code null} for none
 */
public record OnboardingTarget(URI url, String username, String password) {

    public OnboardingTarget {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("rtsp")) {
            throw VmsException.invalid("url", "the URL must start with http:// (ONVIF device service) or rtsp:// (stream)");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw VmsException.invalid("url", "the URL has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw VmsException.invalid("url", "put the user name and password in their own fields, not in the URL");
        }
        if (username != null && username.isEmpty()) {
            username = null;
        }
    }

    /**
     * Parses a URL typed by a person.
     *
     * @throws VmsException INVALID_ARGUMENT naming field {@code url}; the message never echoes the input
     */
    public static OnboardingTarget parse(String url, String username, String password) {
        if (url == null || url.isBlank()) {
            throw VmsException.invalid("url", "a camera URL is required");
        }
        try {
            return new OnboardingTarget(new URI(url.trim()), username, password);
        } catch (URISyntaxException e) {
            throw VmsException.invalid("url", "malformed URL at index " + e.getIndex() + ": " + e.getReason());
        }
    }

    /** Whether the URL is a stream URL, so the ONVIF steps do not apply. */
    public boolean isRtsp() {
        return url.getScheme().equalsIgnoreCase("rtsp");
    }

    /** The TCP port to reach: the URL's, or 80 (ONVIF) / 554 (RTSP). */
    public int port() {
        return url.getPort() >= 0 ? url.getPort() : isRtsp() ? 554 : 80;
    }

    /** {@code host:port}, for messages and the audit log. */
    public String hostAndPort() {
        return url.getHost() + ":" + port();
    }

    @Override
    public String toString() {
        return "OnboardingTarget[" + url + (username == null ? "" : " as " + username) + "]";
    }
}
