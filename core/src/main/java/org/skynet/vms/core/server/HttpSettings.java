package org.skynet.vms.core.server;

import org.skynet.vms.core.config.VmsConfig;

/**
 * Limits and addresses of the HTTP server.
 *
 * @param bindAddress     address to listen on ({@code 127.0.0.1} in tests and demo)
 * @param port            TCP port; 0 picks a free one (tests)
 * @param maxBodyBytes    largest request body; larger gets 413 (imports of 160,000 cameras fit in the default 64 MiB)
 * @param maxHeaderBytes  largest header block
 * @param maxInitialLineBytes largest request line
 * @param idleTimeoutSeconds a connection silent this long is closed
 * @param workerThreads   API worker threads (database work happens there, never on the event loop)
 */
public record HttpSettings(String bindAddress, int port, int maxBodyBytes, int maxHeaderBytes,
                           int maxInitialLineBytes, int idleTimeoutSeconds, int workerThreads) {

    /**
     * The settings of a configuration: keys {@code bind} (else {@code defaultBind}), {@code port} (8080),
     * {@code http.max-body-bytes}, {@code http.max-header-bytes}, {@code http.idle-timeout-seconds} (300)
     * and {@code http.workers} (16).
     */
    public static HttpSettings from(VmsConfig config, String defaultBind) {
        return new HttpSettings(config.string("bind", defaultBind), config.integer("port", 8080),
                config.integer("http.max-body-bytes", 64 * 1024 * 1024), config.integer("http.max-header-bytes", 16 * 1024),
                8 * 1024, config.integer("http.idle-timeout-seconds", 300), config.integer("http.workers", 16));
    }

    public static HttpSettings defaults(String bindAddress, int port) {
        return new HttpSettings(bindAddress, port, 64 * 1024 * 1024, 16 * 1024, 8 * 1024, 300, 16);
    }
}
