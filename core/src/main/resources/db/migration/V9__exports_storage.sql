-- Evidence exports and retention (docs/design/export-and-retention.md). Same SQL on PostgreSQL and H2.

-- One row per export job. The files live in <exports root>/<id>/; state goes pending -> done | failed.
-- An export still pending at start-up was cut off by a restart and is marked failed then.
-- manifest_sha256 ties the signed manifest to the audit log entry written when the export finished.
CREATE TABLE exports (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    camera_id       VARCHAR(64)   NOT NULL,
    range_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    range_to        TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by    VARCHAR(64)   NOT NULL,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    state           VARCHAR(8)    NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    finished_at     TIMESTAMP WITH TIME ZONE,
    error           VARCHAR(1000),
    manifest_sha256 CHAR(64)
);
CREATE INDEX exports_requested_at ON exports (requested_at);

-- Per-camera maximum age of recorded segments in days; NULL means the recorder default (30 days).
ALTER TABLE camera_recording ADD COLUMN max_age_days INTEGER;

-- Retention walks a storage root's closed segments oldest first.
CREATE INDEX recording_segments_root_start ON recording_segments (storage_root, start_wall);
