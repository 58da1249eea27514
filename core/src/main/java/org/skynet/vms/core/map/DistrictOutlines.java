package org.skynet.vms.core.map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.skynet.vms.core.coverage.CameraView;
import org.skynet.vms.core.coverage.LocalProjection;
import org.skynet.vms.core.coverage.Place;

/**
 * District outlines for the map, derived from what the registry and the places table already hold: the
 * convex hull of a district's places and of its cameras' view extents (a box of the camera's range around
 * it). No boundary file to keep in step with the registry; the outline always contains everything of the
 * district that the map draws. Cameras and places without a district are left out.
 */
public final class DistrictOutlines {
    private static final double SCALE = 1e7;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private DistrictOutlines() {
    }

    /**
     * A GeoJSON FeatureCollection, one Polygon feature per district in name order, with properties
     * {@code district}, {@code cameras} and {@code places} (how many of each went into the outline).
     */
    public static ObjectNode featureCollection(Collection<CameraView> cameras, Collection<Place> places) {
        Map<String, Points> byDistrict = new TreeMap<>();
        for (CameraView c : cameras) {
            if (!c.district().isBlank()) {
                Envelope lonLat = LocalProjection.lonLatEnvelope(c.lat(), c.lon(),
                        new Envelope(-c.rangeMetres(), c.rangeMetres(), -c.rangeMetres(), c.rangeMetres()), 0);
                Points p = byDistrict.computeIfAbsent(c.district(), d -> new Points());
                p.cameras++;
                p.add(lonLat.getMinX(), lonLat.getMinY());
                p.add(lonLat.getMaxX(), lonLat.getMinY());
                p.add(lonLat.getMaxX(), lonLat.getMaxY());
                p.add(lonLat.getMinX(), lonLat.getMaxY());
            }
        }
        for (Place place : places) {
            if (!place.district().isBlank()) {
                Points p = byDistrict.computeIfAbsent(place.district(), d -> new Points());
                p.places++;
                for (Coordinate c : place.geometry().convexHull().getCoordinates()) {
                    p.add(c.x, c.y);
                }
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("type", "FeatureCollection");
        ArrayNode features = root.putArray("features");
        byDistrict.forEach((district, points) -> {
            Geometry hull = FACTORY.createMultiPointFromCoords(points.coordinates.toArray(Coordinate[]::new)).convexHull();
            if (hull instanceof Polygon polygon) {
                ObjectNode f = features.addObject();
                f.put("type", "Feature");
                ObjectNode props = f.putObject("properties");
                props.put("district", district);
                props.put("cameras", points.cameras);
                props.put("places", points.places);
                ObjectNode geometry = f.putObject("geometry");
                geometry.put("type", "Polygon");
                ArrayNode ring = geometry.putArray("coordinates").addArray();
                for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
                    ring.addArray().add(Math.round(c.x * SCALE) / SCALE).add(Math.round(c.y * SCALE) / SCALE);
                }
            }
        });
        return root;
    }

    /** The points of one district's outline. */
    private static final class Points {
        final List<Coordinate> coordinates = new ArrayList<>();
        int cameras;
        int places;

        void add(double lon, double lat) {
            coordinates.add(new Coordinate(lon, lat));
        }
    }
}
