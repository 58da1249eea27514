-- Onboarding (docs/onboarding.md): the last onboarding report of each camera. No foreign key to cameras:
-- a technician checks a camera before registering it, under the id it is about to get. The report is the
-- JSON document of POST /api/onboarding (never holds credentials); verdict is PASS or FAIL.
CREATE TABLE onboarding_reports (
    camera_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    verdict    VARCHAR(8)   NOT NULL,
    report     TEXT         NOT NULL,
    at         TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(64)
);
