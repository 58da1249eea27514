package org.skynet.vms.core.server;

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

    public static HttpSettings defaults(String bindAddress, int port) {
        return new HttpSettings(bindAddress, port, 64 * 1024 * 1024, 16 * 1024, 8 * 1024, 300, 16);
    }
}
