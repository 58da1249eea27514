-- Public places whose camera coverage is measured (docs/design/coverage.md). Same SQL on PostgreSQL and
-- H2 (PostgreSQL mode). geometry is the feature's GeoJSON Polygon or MultiPolygon as imported (lon/lat),
-- checked by PlaceGeoJson before it is stored.
CREATE TABLE places (
    id                VARCHAR(64)      NOT NULL PRIMARY KEY,
    name              VARCHAR(200)     NOT NULL,
    category          VARCHAR(200)     NOT NULL,
    district          VARCHAR(200)     NOT NULL,
    required_coverage DOUBLE PRECISION NOT NULL,
    geometry          TEXT             NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keyset pages of one district in id order.
CREATE INDEX places_district ON places (district, id);
