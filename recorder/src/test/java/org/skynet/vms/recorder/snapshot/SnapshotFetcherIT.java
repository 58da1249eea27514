package org.skynet.vms.recorder.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** {@link SnapshotFetcher} against a JDK HTTP server on 127.0.0.1: Basic, Digest, limits, timeouts. */
class SnapshotFetcherIT {
    private static final byte[] JPEG = "\u00ff\u00d8fake-jpeg\u00ff\u00d9".getBytes(StandardCharsets.ISO_8859_1);
    private static final String PASSWORD = "s3cret-snap";

    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private final SnapshotFetcher fetcher = new SnapshotFetcher(java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build(), 1000);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/open.jpg", ex -> reply(ex, 200, JPEG));
        server.createContext("/basic.jpg", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String good = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (good.equals(auth)) {
                reply(ex, 200, JPEG);
            } else {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
                reply(ex, 401, new byte[0]);
            }
        });
        server.createContext("/digest.jpg", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
                reply(ex, 200, JPEG);
            } else {
                ex.getResponseHeaders().add("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"abc123\", qop=\"auth\"");
                reply(ex, 401, new byte[0]);
            }
        });
        server.createContext("/huge.jpg", ex -> reply(ex, 200, new byte[5000]));
        server.createContext("/missing.jpg", ex -> reply(ex, 404, new byte[0]));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesWithoutCredentialsWhenNoneAreAsked() throws Exception {
        assertArrayEquals(JPEG, fetch("/open.jpg", "admin", PASSWORD));
    }

    @Test
    void answersBasicAndDigestChallenges() throws Exception {
        assertArrayEquals(JPEG, fetch("/basic.jpg", "admin", PASSWORD));
        assertArrayEquals(JPEG, fetch("/digest.jpg", "admin", PASSWORD));
        String digest = authorizations.get(0);
        assertTrue(digest.startsWith("Digest username=\"admin\""), digest);
        assertTrue(digest.contains("uri=\"/digest.jpg\""), digest);
        assertFalse(digest.contains(PASSWORD), digest);
    }

    @Test
    void failuresHaveKindsAndNoPassword() throws Exception {
        assertKind(ErrorKind.AUTH_FAILED, "/basic.jpg", "admin", "wrong");
        assertKind(ErrorKind.AUTH_FAILED, "/basic.jpg", null, null);
        assertKind(ErrorKind.LIMIT_EXCEEDED, "/huge.jpg", "admin", PASSWORD);
        assertKind(ErrorKind.PROTOCOL, "/missing.jpg", "admin", PASSWORD);
    }

    @Test
    void refusedAndSilentServersFailInTime() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        VmsException refused = failure(fetcher.fetch(URI.create("http://127.0.0.1:" + freePort + "/x.jpg"), null, null,
                Duration.ofSeconds(2)));
        assertEquals(ErrorKind.UNREACHABLE, refused.kind());
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().read(new byte[1]);
                } catch (IOException e) {
                    // the test closed the socket
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            VmsException timeout = failure(fetcher.fetch(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x.jpg"),
                    null, null, Duration.ofMillis(700)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ErrorKind.TIMEOUT, timeout.kind(), timeout.toString());
            assertTrue(ms < 5000, "took " + ms + " ms");
        }
    }

    private byte[] fetch(String path, String user, String password) throws Exception {
        return fetcher.fetch(url(path), user, password, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    }

    private void assertKind(ErrorKind kind, String path, String user, String password) throws Exception {
        VmsException e = failure(fetcher.fetch(url(path), user, password, Duration.ofSeconds(5)));
        assertEquals(kind, e.kind(), e.toString());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    private static VmsException failure(java.util.concurrent.CompletableFuture<byte[]> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (VmsException) e.getCause();
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void reply(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }
}
