-- Tamper-evident audit log (docs/SECURITY.md#audit-chain). Each entry written from now on carries
-- seq (1, 2, 3, ... without gaps), prev_hash (the hash of the entry before, 64 zeros for the first)
-- and hash = SHA-256(prev_hash + canonical content), hex. Both PostgreSQL and H2 (PostgreSQL mode).
ALTER TABLE audit_log ADD COLUMN seq BIGINT;
ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_log ADD COLUMN hash VARCHAR(64);
CREATE UNIQUE INDEX audit_log_seq ON audit_log (seq);

-- One row (id = 1): the head of the chain, locked (SELECT ... FOR UPDATE) by every append so that
-- appends are serialized across connections and servers. legacy_through = the highest audit_log id
-- written before this migration; those entries are chained once, by the first append after it.
CREATE TABLE audit_chain (
    id             INT          NOT NULL PRIMARY KEY,
    legacy_through BIGINT       NOT NULL,
    head_seq       BIGINT       NOT NULL,
    head_hash      VARCHAR(64)  NOT NULL
);
INSERT INTO audit_chain (id, legacy_through, head_seq, head_hash)
    SELECT 1, COALESCE(MAX(id), 0), 0, '0000000000000000000000000000000000000000000000000000000000000000' FROM audit_log;
