package org.skynet.vms.errors;

/**
 * What went wrong, coarsely enough to decide what to do next: retry, tell the user, or give up.
 * {@link #isRetriable()} is what supervisors (ingest, monitor) use to choose between backing off
 * and stopping; core's error mapper turns a kind into an HTTP status.
 */
public enum ErrorKind {
    /** The peer could not be reached: refused, reset, no route, DNS failure. */
    UNREACHABLE(true),
    /** The peer did not answer within the allowed time. */
    TIMEOUT(true),
    /** The peer or the user presented credentials that were refused. */
    AUTH_FAILED(false),
    /** The peer spoke, but not the protocol we expected (malformed SOAP, SDP, RTP, ...). */
    PROTOCOL(true),
    /** The peer or input asks for something we do not implement (codec, operation, format). */
    UNSUPPORTED(false),
    /** A caller gave a value that is not acceptable; the message names the field. */
    INVALID_ARGUMENT(false),
    /** The thing asked for does not exist (or is not visible to the caller). */
    NOT_FOUND(false),
    /** The request conflicts with the current state (duplicate id, lock held). */
    CONFLICT(false),
    /** A limit was exceeded (body size, rate); the caller may retry later or with less. */
    LIMIT_EXCEEDED(true),
    /** Our own bug or an environment failure (disk, database) that the caller cannot fix. */
    INTERNAL(true);

    private final boolean retriable;

    ErrorKind(boolean retriable) {
        this.retriable = retriable;
    }

    /** Whether trying the same operation again later may succeed without a change of input. */
    public boolean isRetriable() {
        return retriable;
    }
}
