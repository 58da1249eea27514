package org.skynet.vms.core.registry;

/**
 * The fields of a camera as callers name them: {@link #jsonName()} in the JSON API,
 * {@link #column()} in CSV files and GeoJSON properties. Problems name a field so that each caller
 * can report it in its own spelling.
 */
public enum CameraField {
    ID("id", "id"),
    NAME("name", "name"),
    DISTRICT("district", "district"),
    LAT("lat", "lat"),
    LON("lon", "lon"),
    BEARING("bearing", "bearing"),
    FOV("fov", "fov"),
    RANGE("range", "range"),
    RTSP_URL("rtspUrl", "rtsp_url"),
    ONVIF_URL("onvifUrl", "onvif_url"),
    USERNAME("username", "username"),
    PASSWORD("password", "password"),
    TAGS("tags", "tags"),
    ENABLED("enabled", "enabled");

    private final String jsonName;
    private final String column;

    CameraField(String jsonName, String column) {
        this.jsonName = jsonName;
        this.column = column;
    }

    public String jsonName() {
        return jsonName;
    }

    public String column() {
        return column;
    }

    /** The field with this JSON name, or null. */
    public static CameraField ofJsonName(String name) {
        for (CameraField f : values()) {
            if (f.jsonName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The field with this CSV column / GeoJSON property name, or null. */
    public static CameraField ofColumn(String name) {
        for (CameraField f : values()) {
            if (f.column.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
