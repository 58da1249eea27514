-- Scale-out: recorder nodes, camera leases with fencing epochs, and where each recording lives
-- (docs/design/scale-out.md). Same SQL on PostgreSQL and H2; running several nodes needs PostgreSQL.

-- One row per recorder node, written by the node itself at every heartbeat. url is the node's internal
-- HTTP base (core fetches segments and clips through it); capacity is how many cameras it declares it can
-- record. The figures are the node's own at its last heartbeat.
CREATE TABLE recorder_nodes (
    node_id         VARCHAR(64)   NOT NULL PRIMARY KEY,
    url             VARCHAR(512),
    capacity        INT           NOT NULL CHECK (capacity >= 0),
    state           VARCHAR(16)   NOT NULL CHECK (state IN ('ACTIVE', 'DRAINING', 'STOPPED')),
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    cameras         INT           NOT NULL DEFAULT 0,
    ingest_bps      BIGINT        NOT NULL DEFAULT 0,
    cpu_percent     DOUBLE PRECISION,
    disk_used_bytes BIGINT,
    disk_free_bytes BIGINT,
    free_days       DOUBLE PRECISION
);

-- One row per recorded camera once any node has claimed it. node_id is NULL while nobody holds it. epoch
-- grows by one at every claim and is the fencing token: a writer whose epoch is not the row's current one
-- lost the camera. expires_at is in the database's clock (every node compares against the same clock).
CREATE TABLE camera_leases (
    camera_id   VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
    node_id     VARCHAR(64),
    epoch       BIGINT      NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX camera_leases_node ON camera_leases (node_id);
CREATE INDEX camera_leases_expires ON camera_leases (expires_at);

-- Which node wrote a segment or clip, under which lease epoch. NULL for rows of the single-process server.
ALTER TABLE recording_segments ADD COLUMN node_id VARCHAR(64);
ALTER TABLE recording_segments ADD COLUMN lease_epoch BIGINT;
ALTER TABLE clips ADD COLUMN node_id VARCHAR(64);
