/**
 * Coverage of public places by camera views: pure geometry on JTS, with no Netty, database or
 * registry types. A camera's view is a circular sector ({@link ViewCone}); a place is a GeoJSON
 * polygon ({@link Place}, parsed by {@link PlaceGeoJson}); {@link CoverageEngine} computes
 * area(place &cap; union of views) / area(place) in a per-place azimuthal equidistant projection
 * ({@link LocalProjection}) and keeps it current as cameras change. See {@code docs/design/coverage.md}
 * and RFC 7946 (GeoJSON).
 */
package org.skynet.vms.core.coverage;
