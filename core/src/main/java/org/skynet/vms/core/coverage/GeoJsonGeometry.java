package org.skynet.vms.core.coverage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes the polygonal parts of a lon/lat geometry as a GeoJSON MultiPolygon (RFC 7946 section 3.1.7),
 * rounded to 1e-7 degrees (about 1 cm). Points and lines left over by an overlay are dropped: a gap
 * is an area. An empty geometry gives a MultiPolygon with no coordinates.
 */
final class GeoJsonGeometry {
    private static final double SCALE = 1e7;

    private GeoJsonGeometry() {
    }

    static ObjectNode multiPolygon(Geometry lonLat) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("type", "MultiPolygon");
        addPolygons(out.putArray("coordinates"), lonLat);
        return out;
    }

    private static void addPolygons(ArrayNode polygons, Geometry g) {
        if (g instanceof Polygon p) {
            if (!p.isEmpty()) {
                ArrayNode rings = polygons.addArray();
                ring(rings.addArray(), p.getExteriorRing());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    ring(rings.addArray(), p.getInteriorRingN(h));
                }
            }
            return;
        }
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part != g) {
                addPolygons(polygons, part);
            }
        }
    }

    private static void ring(ArrayNode out, LineString ring) {
        for (Coordinate c : ring.getCoordinates()) {
            ArrayNode pos = out.addArray();
            pos.add(Math.round(c.x * SCALE) / SCALE);
            pos.add(Math.round(c.y * SCALE) / SCALE);
        }
    }
}
