package org.skynet.vms.core.registry;

/**
 * Where a camera is and what it sees: a view cone from ({@code lat}, {@code lon}) (WGS 84 degrees),
 * centred on {@code bearingDegrees} (clockwise from north, [0, 360]), {@code fovDegrees} wide
 * ([1, 360]) and {@code rangeMeters} deep ((0, 5000]). Validated by {@link CameraDraft}.
 */
public record Placement(double lat, double lon, double bearingDegrees, double fovDegrees, double rangeMeters) {
    /** Upper bound of {@link #rangeMeters()}. */
    public static final double MAX_RANGE_METERS = 5000;
}
