-- Recordings (docs/recording.md, docs/design/recording-storage.md). Same SQL on PostgreSQL and H2.
-- camera_recording holds each camera's recording mode; a camera without a row is not recorded
-- (mode 'off'). Kept apart from the registry's cameras table, which this module does not own.
CREATE TABLE camera_recording (
    camera_id  VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES cameras (id) ON DELETE CASCADE,
    mode       VARCHAR(16) NOT NULL CHECK (mode IN ('continuous', 'events', 'off')),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per segment file, keyed by storage root and path relative to it. No foreign key to cameras:
-- recordings outlive a camera's removal from the registry (evidence). Wall times are UTC; end_wall is
-- start_wall + media duration (docs/design/time.md). sha256 and close_reason are set once closed.
CREATE TABLE recording_segments (
    storage_root       VARCHAR(1024) NOT NULL,
    path               VARCHAR(1024) NOT NULL,
    camera_id          VARCHAR(64)   NOT NULL,
    start_wall         TIMESTAMP WITH TIME ZONE NOT NULL,
    end_wall           TIMESTAMP WITH TIME ZONE NOT NULL,
    media_duration_90k BIGINT        NOT NULL,
    frames             BIGINT        NOT NULL,
    size_bytes         BIGINT        NOT NULL,
    sha256             CHAR(64),
    state              VARCHAR(8)    NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
    close_reason       VARCHAR(32),
    PRIMARY KEY (storage_root, path)
);

-- Time-range queries of one camera walk this index from the range start backwards by at most one
-- maximum segment length (see JdbcSegmentCatalogue).
CREATE INDEX recording_segments_camera_start ON recording_segments (camera_id, start_wall);
-- Start-up recovery looks for rows left open by a crash.
CREATE INDEX recording_segments_state ON recording_segments (state, storage_root);
