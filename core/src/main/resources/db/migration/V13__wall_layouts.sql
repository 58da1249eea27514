-- The video wall each user last saved (docs/design/video-wall.md): one row per user, replaced on save.
-- tiles is a JSON array of camera ids or nulls, one per tile. Same SQL on PostgreSQL and H2.
CREATE TABLE wall_layouts (
    username   VARCHAR(64)  NOT NULL PRIMARY KEY,
    layout     INTEGER      NOT NULL,
    tiles      TEXT         NOT NULL,
    saved_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
