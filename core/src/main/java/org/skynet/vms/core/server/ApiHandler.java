package org.skynet.vms.core.server;

/**
 * The logic of one route. Called on an API worker thread, never on the event loop, so it may use the
 * database. Throw {@link org.skynet.vms.errors.VmsException} (or {@link HttpError}) for expected
 * failures; anything else becomes a 500 with no details on the wire.
 */
@FunctionalInterface
public interface ApiHandler {
    ApiResponse handle(ApiRequest request) throws Exception;
}
