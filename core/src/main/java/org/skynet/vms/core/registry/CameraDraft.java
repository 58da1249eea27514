package org.skynet.vms.core.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A camera as a caller describes it, before validation: every field may be missing or wrong.
 * {@link #problems()} lists everything wrong at once (imports report every problem), and
 * {@link #toCamera} turns a valid draft into the stored shape. Not thread-safe: one draft per request or row.
 */
public final class CameraDraft {
    /** Ids are path segments and file names: letters, digits, dot, underscore, dash; 1 to 64 characters. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** One tag: lower-case letters, digits, '-', '_' and ':'; 1 to 64 characters. */
    public static final Pattern TAG = Pattern.compile("[a-z0-9_:-]{1,64}");
    public static final int MAX_TAGS = 32;
    public static final int MAX_NAME = 200;
    public static final int MAX_DISTRICT = 100;
    public static final int MAX_URL = 2048;
    public static final int MAX_USERNAME = 128;
    public static final int MAX_PASSWORD = 256;

    private String id;
    private String name;
    private String district;
    private Double lat;
    private Double lon;
    private Double bearing;
    private Double fov;
    private Double range;
    private String rtspUrl;
    private String onvifUrl;
    private List<String> tags = List.of();
    private boolean enabled = true;
    private String username;
    private String password;

    /** A draft of an existing camera, for a partial update; {@code credentials} may be null. */
    public static CameraDraft of(Camera c, Credentials credentials) {
        CameraDraft d = new CameraDraft();
        d.id = c.id();
        d.name = c.name();
        d.district = c.district();
        Placement p = c.placement();
        d.lat = p.lat();
        d.lon = p.lon();
        d.bearing = p.bearingDegrees();
        d.fov = p.fovDegrees();
        d.range = p.rangeMeters();
        d.rtspUrl = c.rtspUrl();
        d.onvifUrl = c.onvifUrl();
        d.tags = c.tags();
        d.enabled = c.enabled();
        if (credentials != null) {
            d.username = credentials.username();
            d.password = credentials.password();
        }
        return d;
    }

    public CameraDraft id(String v) {
        id = trimToNull(v);
        return this;
    }

    public CameraDraft name(String v) {
        name = trimToNull(v);
        return this;
    }

    public CameraDraft district(String v) {
        district = trimToNull(v);
        return this;
    }

    public CameraDraft lat(Double v) {
        lat = v;
        return this;
    }

    public CameraDraft lon(Double v) {
        lon = v;
        return this;
    }

    public CameraDraft bearing(Double v) {
        bearing = v;
        return this;
    }

    public CameraDraft fov(Double v) {
        fov = v;
        return this;
    }

    public CameraDraft range(Double v) {
        range = v;
        return this;
    }

    public CameraDraft rtspUrl(String v) {
        rtspUrl = trimToNull(v);
        return this;
    }

    public CameraDraft onvifUrl(String v) {
        onvifUrl = trimToNull(v);
        return this;
    }

    /** Tags are trimmed and lower-cased; duplicates collapse. */
    public CameraDraft tags(List<String> v) {
        tags = v == null ? List.of() : List.copyOf(v);
        return this;
    }

    public CameraDraft enabled(boolean v) {
        enabled = v;
        return this;
    }

    public CameraDraft username(String v) {
        username = trimToNull(v);
        return this;
    }

    /** The password as given (not trimmed: spaces may be part of it); empty means none. */
    public CameraDraft password(String v) {
        password = v == null || v.isEmpty() ? null : v;
        return this;
    }

    public String id() {
        return id;
    }

    public String district() {
        return district;
    }

    /** The login to store, or null when no username is given. */
    public Credentials credentials() {
        return username == null ? null : new Credentials(username, password == null ? "" : password);
    }

    /** Every problem of this draft, in field order; empty when it is valid. */
    public List<FieldProblem> problems() {
        List<FieldProblem> out = new ArrayList<>();
        if (id == null) {
            out.add(new FieldProblem(CameraField.ID, "id is required"));
        } else if (!ID.matcher(id).matches()) {
            out.add(new FieldProblem(CameraField.ID, "id must be 1 to 64 of A-Z a-z 0-9 . _ -"));
        }
        text(CameraField.NAME, name, MAX_NAME, out);
        text(CameraField.DISTRICT, district, MAX_DISTRICT, out);
        range(CameraField.LAT, lat, -90, 90, false, out);
        range(CameraField.LON, lon, -180, 180, false, out);
        range(CameraField.BEARING, bearing, 0, 360, false, out);
        range(CameraField.FOV, fov, 1, 360, false, out);
        range(CameraField.RANGE, range, 0, Placement.MAX_RANGE_METERS, true, out);
        url(CameraField.RTSP_URL, rtspUrl, Set.of("rtsp", "rtsps"), out);
        url(CameraField.ONVIF_URL, onvifUrl, Set.of("http", "https"), out);
        if (rtspUrl == null && onvifUrl == null) {
            out.add(new FieldProblem(CameraField.RTSP_URL, "give rtspUrl or onvifUrl (or both)"));
        }
        if (tags.size() > MAX_TAGS) {
            out.add(new FieldProblem(CameraField.TAGS, "at most " + MAX_TAGS + " tags, got " + tags.size()));
        }
        for (String t : tags) {
            String tag = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                out.add(new FieldProblem(CameraField.TAGS, "tag '" + shorten(t) + "' must be 1 to 64 of a-z 0-9 - _ :"));
            }
        }
        if (username != null && (username.length() > MAX_USERNAME || hasControl(username))) {
            out.add(new FieldProblem(CameraField.USERNAME, "username must be at most " + MAX_USERNAME
                    + " characters without control characters"));
        }
        if (password != null && username == null) {
            out.add(new FieldProblem(CameraField.PASSWORD, "a password needs a username"));
        } else if (password != null && password.length() > MAX_PASSWORD) {
            out.add(new FieldProblem(CameraField.PASSWORD, "password must be at most " + MAX_PASSWORD + " characters"));
        }
        return out;
    }

    /** The stored shape of a valid draft; call {@link #problems()} first. */
    public Camera toCamera(Instant createdAt, Instant updatedAt) {
        Set<String> normalised = new TreeSet<>();
        for (String t : tags) {
            normalised.add(t.trim().toLowerCase(Locale.ROOT));
        }
        return new Camera(id, name, district, new Placement(lat, lon, bearing, fov, range), rtspUrl, onvifUrl,
                List.copyOf(normalised), enabled, username != null, createdAt, updatedAt);
    }

    private static void text(CameraField f, String v, int max, List<FieldProblem> out) {
        if (v == null) {
            out.add(new FieldProblem(f, f.jsonName() + " is required"));
        } else if (v.length() > max || hasControl(v)) {
            out.add(new FieldProblem(f, f.jsonName() + " must be at most " + max + " characters without control characters"));
        }
    }

    private static void range(CameraField f, Double v, double min, double max, boolean minExclusive, List<FieldProblem> out) {
        String bounds = (minExclusive ? "greater than " + fmt(min) + " and at most " : "between " + fmt(min) + " and ") + fmt(max);
        if (v == null) {
            out.add(new FieldProblem(f, f.jsonName() + " is required (a number " + bounds + ")"));
        } else if (v.isNaN() || v.isInfinite() || v > max || v < min || (minExclusive && v == min)) {
            out.add(new FieldProblem(f, f.jsonName() + " must be " + bounds + ", got " + v));
        }
    }

    // The URL is never echoed: it may carry credentials.
    private static void url(CameraField f, String v, Set<String> schemes, List<FieldProblem> out) {
        if (v == null) {
            return;
        }
        String schemeList = String.join("://, ", new TreeSet<>(schemes)) + "://";
        if (v.length() > MAX_URL) {
            out.add(new FieldProblem(f, f.jsonName() + " must be at most " + MAX_URL + " characters"));
            return;
        }
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            out.add(new FieldProblem(f, f.jsonName() + " is not a valid URI: " + e.getReason()
                    + (v.contains("@") ? " (credentials do not belong in the URL: use username and password)" : "")));
            return;
        }
        if (u.getScheme() == null || !schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))) {
            out.add(new FieldProblem(f, f.jsonName() + " must start with " + schemeList));
        } else if (u.getRawAuthority() != null && u.getRawAuthority().contains("@")) {
            out.add(new FieldProblem(f, f.jsonName() + " must not contain credentials (user:password@host):"
                    + " give them as username and password"));
        } else if (u.getHost() == null) {
            out.add(new FieldProblem(f, f.jsonName() + " must name a host"));
        }
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 70 ? s : s.substring(0, 67) + "...";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String trimToNull(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.isEmpty() ? null : t;
    }
}
