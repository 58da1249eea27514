package org.skynet.vms.core.registry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.secrets.SecretBox;

/**
 * The SQL shape of a camera: column lists, row mapping and the bulk insert shared by create and
 * import. Passwords are sealed with the camera id as context (here and in {@link CameraRegistry#update}).
 */
final class CameraRows {
    /** The columns a {@link Camera} is read from, for a query that names the table {@code c}. */
    static final String COLUMNS = "c.id, c.name, c.district, c.lat, c.lon, c.bearing, c.fov, c.range_m, c.rtsp_url,"
            + " c.onvif_url, c.username, c.tags, c.enabled, c.created_at, c.updated_at";
    static final String INSERT_COLUMNS = "id, name, district, search_text, lat, lon, bearing, fov, range_m,"
            + " rtsp_url, onvif_url, username, password_enc, tags, enabled, created_at, updated_at";
    static final String INSERT_TAG = "INSERT INTO camera_tags (tag, camera_id) VALUES (?, ?)";
    /** Cameras per INSERT statement (17 parameters each, well under the drivers' limit of 32,767). */
    static final int CAMERAS_PER_STATEMENT = 100;
    /** Tags per INSERT statement. */
    static final int TAGS_PER_STATEMENT = 500;

    private CameraRows() {
    }

    static Camera map(ResultSet rs) throws SQLException {
        String tags = rs.getString("tags");
        return new Camera(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("district"),
                new Placement(rs.getDouble("lat"), rs.getDouble("lon"), rs.getDouble("bearing"),
                        rs.getDouble("fov"), rs.getDouble("range_m")),
                rs.getString("rtsp_url"),
                rs.getString("onvif_url"),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(";")),
                rs.getBoolean("enabled"),
                rs.getString("username") != null,
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"));
    }

    /** The lower-cased text that {@code q} is matched against; U+001F keeps id and name apart. */
    static String searchText(Camera c) {
        return c.id().toLowerCase(Locale.ROOT) + '\u001f' + c.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Writes cameras and their tags on connection {@code c} (the caller's transaction) as multi-row
     * inserts; all tags go after all cameras, which they reference.
     */
    static void insertAll(Connection c, List<Camera> cameras, List<Credentials> credentials, SecretBox secrets)
            throws SQLException {
        try (MultiRowInsert cams = new MultiRowInsert(c, "cameras", INSERT_COLUMNS, 17, CAMERAS_PER_STATEMENT)) {
            for (int i = 0; i < cameras.size(); i++) {
                cams.add(values(cameras.get(i), credentials.get(i), secrets));
            }
        }
        try (MultiRowInsert tags = new MultiRowInsert(c, "camera_tags", "tag, camera_id", 2, TAGS_PER_STATEMENT)) {
            for (Camera cam : cameras) {
                for (String tag : cam.tags()) {
                    tags.add(tag, cam.id());
                }
            }
        }
    }

    private static Object[] values(Camera cam, Credentials cred, SecretBox secrets) {
        Placement p = cam.placement();
        return new Object[] {cam.id(), cam.name(), cam.district(), searchText(cam), p.lat(), p.lon(), p.bearingDegrees(),
            p.fovDegrees(), p.rangeMeters(), cam.rtspUrl(), cam.onvifUrl(), cred == null ? null : cred.username(),
            cred == null || cred.password().isEmpty() ? null : secrets.seal(cred.password(), cam.id()),
            String.join(";", cam.tags()), cam.enabled(), cam.createdAt(), cam.updatedAt()};
    }
}
