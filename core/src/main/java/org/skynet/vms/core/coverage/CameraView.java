package org.skynet.vms.core.coverage;

import java.util.Objects;
import org.skynet.vms.errors.VmsException;

/**
 * A camera as the coverage engine sees it: where it stands and what it looks at. Plain data, so
 * the engine needs neither the registry nor the database.
 *
 * @param lat          WGS84 latitude, degrees
 * @param lon          WGS84 longitude, degrees
 * @param bearingDeg   centre of the view, degrees clockwise from true north (any finite value)
 * @param fovDeg       total opening angle, degrees, greater than 0; 360 or more means a full circle
 * @param rangeMetres  radius of the view, metres, greater than 0 and at most {@link #MAX_RANGE_METRES}
 * @param enabled      whether the camera is installed and in service (counted in designed coverage)
 * @param district     the camera's district, informational (places carry their own district)
 */
public record CameraView(String id, double lat, double lon, double bearingDeg, double fovDeg,
        double rangeMetres, boolean enabled, String district) {

    /** Longest view accepted: the local projection is checked to 20 km, views are far shorter. */
    public static final double MAX_RANGE_METRES = 5_000;

    /** @throws VmsException INVALID_ARGUMENT naming the field that is out of range */
    public CameraView {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw VmsException.invalid("id", "camera id is blank");
        }
        if (!(Math.abs(lat) < 90)) {
            throw VmsException.invalid("lat", "camera " + id + ": lat " + lat + " is outside -90..90");
        }
        if (!(Math.abs(lon) <= 180)) {
            throw VmsException.invalid("lon", "camera " + id + ": lon " + lon + " is outside -180..180");
        }
        if (!Double.isFinite(bearingDeg)) {
            throw VmsException.invalid("bearing", "camera " + id + ": bearing is not a number");
        }
        if (!(fovDeg > 0) || Double.isInfinite(fovDeg)) {
            throw VmsException.invalid("fov", "camera " + id + ": fov " + fovDeg + " must be greater than 0");
        }
        if (!(rangeMetres > 0 && rangeMetres <= MAX_RANGE_METRES)) {
            throw VmsException.invalid("range", "camera " + id + ": range " + rangeMetres
                    + " must be in (0, " + MAX_RANGE_METRES + "] metres");
        }
        district = district == null ? "" : district;
    }

    /** The same camera turned to another bearing. */
    public CameraView withBearing(double newBearingDeg) {
        return new CameraView(id, lat, lon, newBearingDeg, fovDeg, rangeMetres, enabled, district);
    }

    /** The same camera moved to another position. */
    public CameraView withPosition(double newLat, double newLon) {
        return new CameraView(id, newLat, newLon, bearingDeg, fovDeg, rangeMetres, enabled, district);
    }

    /** The same camera taken into or out of service. */
    public CameraView withEnabled(boolean newEnabled) {
        return new CameraView(id, lat, lon, bearingDeg, fovDeg, rangeMetres, newEnabled, district);
    }
}
