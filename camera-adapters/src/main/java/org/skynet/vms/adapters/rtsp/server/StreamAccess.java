package org.skynet.vms.adapters.rtsp.server;

import java.util.Optional;

/**
 * What the re-stream server asks its owner: the users' Digest secrets and who may watch which camera.
 * Methods may block (database): the server calls them off the event loop.
 */
public interface StreamAccess {
    /** The Digest realm; the stored HA1 values must have been computed with it. */
    String realm();

    /** {@code MD5(username:realm:password)} of an enabled user, empty for an unknown or disabled one. */
    Optional<String> ha1(String username);

    /**
     * Admits an authenticated user to a camera's live stream.
     *
     * @param cameraId      the id from the request path, not yet validated
     * @param remoteAddress the client's address, for the audit log
     */
    Admission admit(String username, String cameraId, String remoteAddress);

    /** The answer to {@link #admit}: a stream, or why not. */
    record Admission(Outcome outcome, LiveStream stream) {
        public static Admission granted(LiveStream stream) {
            return new Admission(Outcome.GRANTED, stream);
        }

        public static Admission refused(Outcome outcome) {
            return new Admission(outcome, null);
        }
    }

    /** The RTSP status each outcome is answered with. */
    enum Outcome {
        GRANTED(200),
        /** Unknown camera, or one without a stream to share. */
        NOT_FOUND(404),
        /** The user's roles or districts do not include watching this camera. */
        FORBIDDEN(403);

        private final int status;

        Outcome(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
