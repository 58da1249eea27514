-- RTSP re-stream Digest authentication (docs/design/rtsp-restream.md): HA1 = MD5(username:realm:password)
-- in lower-case hex, realm "Skynet VMS". Set when a password is set and on the next successful login
-- of users created before this migration; NULL means the user cannot use RTSP yet.
ALTER TABLE users ADD COLUMN rtsp_ha1 VARCHAR(32);
