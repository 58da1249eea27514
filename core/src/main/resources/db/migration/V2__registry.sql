-- Camera registry (docs/design/registry.md). Same SQL on PostgreSQL and H2 (PostgreSQL mode).
-- search_text = lower(id) || U+001F || lower(name), written by the application so that both databases
-- compare the same lower-casing (Locale.ROOT). tags is the ';'-joined copy of camera_tags for reading
-- a page in one query; camera_tags is what the tag filter uses.
CREATE TABLE cameras (
    id           VARCHAR(64)   NOT NULL PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    district     VARCHAR(100)  NOT NULL,
    search_text  VARCHAR(300)  NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    bearing      DOUBLE PRECISION NOT NULL,
    fov          DOUBLE PRECISION NOT NULL,
    range_m      DOUBLE PRECISION NOT NULL,
    rtsp_url     VARCHAR(2048),
    onvif_url    VARCHAR(2048),
    username     VARCHAR(128),
    password_enc VARCHAR(1024),
    tags         VARCHAR(2200) NOT NULL,
    enabled      BOOLEAN       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Keyset pages of one district walk this index in id order. It also holds search_text, so the q filter
-- is checked on index entries alone (an index-only scan on PostgreSQL, a covering index on H2) and only
-- the rows of the page are read from the table.
CREATE INDEX cameras_district_search ON cameras (district, id, search_text);

CREATE TABLE camera_tags (
    tag       VARCHAR(64) NOT NULL,
    camera_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (tag, camera_id)
);

-- The index first, then the foreign key: H2 then uses this index for the key instead of creating a
-- second one on the same column (a duplicate that made bulk imports markedly slower).
CREATE INDEX camera_tags_camera ON camera_tags (camera_id);
ALTER TABLE camera_tags ADD CONSTRAINT camera_tags_camera_fk
    FOREIGN KEY (camera_id) REFERENCES cameras (id) ON DELETE CASCADE;
