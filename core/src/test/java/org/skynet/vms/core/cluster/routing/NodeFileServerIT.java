package org.skynet.vms.core.cluster.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The node's file server over real loopback HTTP: the token, path checks and ranges on the wire, and
 * core's {@link RemoteFileChannel} reading a file of several blocks back byte for byte; a node that is
 * down or never answers gives an error naming it within the timeouts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeFileServerIT {
    private static final String TOKEN = "node-file-server-test-token";
    private static final String PATH = "cam-1/2026-11-26/cam-1_20261126T060000.000Z.mp4";

    @TempDir
    static Path dir;
    private Path root;
    private byte[] content;
    private NodeFileServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("recordings"));
        content = new byte[3 * RemoteFileChannel.BLOCK_BYTES + 12_345];
        new Random(9).nextBytes(content);
        Files.write(Files.createDirectories(root.resolve("cam-1/2026-11-26")).resolve("cam-1_20261126T060000.000Z.mp4"),
                content);
        Files.writeString(dir.resolve("secret.txt"), "not for core");
        server = NodeFileServer.start("127.0.0.1", 0, List.of(root), TOKEN);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void rangesOfAFileForTheClusterToken() throws Exception {
        HttpResponse<byte[]> part = get(root.toString(), PATH, "Bearer " + TOKEN, "bytes=100-1099");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-1099/" + content.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(content, 100, 1100), part.body());

        HttpResponse<byte[]> beyond = get(root.toString(), PATH, "Bearer " + TOKEN, "bytes=" + content.length + "-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + content.length, beyond.headers().firstValue("Content-Range").orElse(""));
        assertEquals(200, get(root.toString(), PATH, "Bearer " + TOKEN, null).statusCode(), "under the answer limit");
    }

    @Test
    void anyOtherCallerIsUnauthorized() throws Exception {
        assertEquals(401, get(root.toString(), PATH, null, null).statusCode());
        assertEquals(401, get(root.toString(), PATH, "Bearer " + TOKEN + "-not", null).statusCode());
        assertEquals(401, get(root.toString(), PATH, "Basic " + TOKEN, null).statusCode());
        assertEquals(401, get(root.toString(), "../secret.txt", null, null).statusCode(), "no hints before the token");
    }

    @Test
    void pathsOutsideTheRootsAreRefused() throws Exception {
        String auth = "Bearer " + TOKEN;
        assertError(get(root.toString(), "../secret.txt", auth, null), 400, "path");
        assertError(get(root.toString(), "cam-1/../../secret.txt", auth, null), 400, "path");
        assertError(get(root.toString(), dir.resolve("secret.txt").toString(), auth, null), 400, "path");
        assertError(get(dir.toString(), "secret.txt", auth, null), 400, "root");
        assertEquals(404, get(root.toString(), "cam-1/none.mp4", auth, null).statusCode());
    }

    @Test
    void remoteChannelReadsTheFileBackAcrossBlocks() throws Exception {
        RecorderNode node = new RecorderNode("node-t", server.url() + "/");
        try (RemoteFileChannel ch = new RemoteFileChannel(new NodeFileClient(new ClusterToken(TOKEN)), node,
                root.toString(), PATH)) {
            assertEquals(content.length, ch.size());
            int boundary = RemoteFileChannel.BLOCK_BYTES;
            assertArrayEquals(Arrays.copyOfRange(content, boundary - 4, boundary + 4), readFully(ch, boundary - 4, 8),
                    "a small read across the cached block's end");
            assertArrayEquals(Arrays.copyOfRange(content, 10, 10 + 2 * boundary), readFully(ch, 10, 2 * boundary),
                    "a large read straight into the buffer");
            assertArrayEquals(content, readFully(ch, 0, content.length));
            assertEquals(-1, ch.read(ByteBuffer.allocate(1)));
        }
    }

    @Test
    void aNodeThatIsDownOrSilentIsNamedWithinTheTimeouts() throws Exception {
        NodeFileClient client = new NodeFileClient(new ClusterToken(TOKEN), Duration.ofSeconds(1), Duration.ofSeconds(1));
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        HttpError down = assertThrows(HttpError.class, () -> client.read(new RecorderNode("node-down",
                "http://127.0.0.1:" + freePort), root.toString(), PATH, 0, 10));
        assertEquals(502, down.status().code());
        assertTrue(down.getMessage().contains("node-down"), down.getMessage());
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            HttpError stuck = assertThrows(HttpError.class, () -> client.read(new RecorderNode("node-silent",
                    "http://127.0.0.1:" + silent.getLocalPort()), root.toString(), PATH, 0, 10));
            assertEquals(502, stuck.status().code());
            assertTrue(stuck.getMessage().contains("node-silent") && stuck.getMessage().contains("within"),
                    stuck.getMessage());
        }
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(8).toNanos(), "errors came within the timeouts");

        NodeFileClient wrongToken = new NodeFileClient(new ClusterToken(TOKEN + "-other"));
        HttpError refused = assertThrows(HttpError.class, () -> wrongToken.read(new RecorderNode("node-t",
                server.url()), root.toString(), PATH, 0, 10));
        assertEquals("NODE_REFUSED", refused.code());
        VmsException missing = assertThrows(VmsException.class, () -> new NodeFileClient(new ClusterToken(TOKEN))
                .read(new RecorderNode("node-t", server.url()), root.toString(), "cam-1/none.mp4", 0, 10));
        assertEquals(ErrorKind.NOT_FOUND, missing.kind());
        HttpError wrongRoot = assertThrows(HttpError.class, () -> new NodeFileClient(new ClusterToken(TOKEN))
                .read(new RecorderNode("node-t", server.url()), dir.toString(), "secret.txt", 0, 10));
        assertEquals("NODE_PROTOCOL", wrongRoot.code());
        assertTrue(wrongRoot.getMessage().contains("HTTP 400") && wrongRoot.getMessage().contains("\"field\":\"root\""),
                wrongRoot.getMessage());
    }

    private static byte[] readFully(RemoteFileChannel ch, long position, int n) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(n);
        ch.position(position);
        while (buf.hasRemaining()) {
            assertTrue(ch.read(buf) > 0, "ended early at " + ch.position());
        }
        return buf.array();
    }

    private HttpResponse<byte[]> get(String r, String p, String authorization, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + NodeFileApi.PATH + "?root="
                + URLEncoder.encode(r, StandardCharsets.UTF_8) + "&path=" + URLEncoder.encode(p, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String field) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertTrue(body.contains("\"field\":\"" + field + "\""), body);
    }
}
