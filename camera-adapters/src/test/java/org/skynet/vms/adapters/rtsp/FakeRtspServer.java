package org.skynet.vms.adapters.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tiny blocking RTSP responder on 127.0.0.1, port 0, for client tests: one thread per connection,
 * each served by a {@link Behaviour}. Not a model of good server code: it is a test double that is
 * easy to make misbehave.
 */
final class FakeRtspServer implements AutoCloseable {

    /** Serves one accepted connection until it returns or the socket closes. */
    @FunctionalInterface
    interface Behaviour {
        void serve(Socket socket) throws IOException;
    }

    /** A request as the server read it. */
    record Request(String method, String url, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;

    private FakeRtspServer(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            behaviour.serve(s);
                        } catch (IOException e) {
                            // the client went away: expected at the end of every test
                        }
                    }, "fake-rtsp-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-rtsp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeRtspServer start(Behaviour behaviour) throws IOException {
        return new FakeRtspServer(behaviour);
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code rtsp://127.0.0.1:PORT/path}. */
    String url(String path) {
        return "rtsp://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Reads requests and never answers. */
    static Behaviour silent() {
        return s -> {
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // swallow
            }
        };
    }

    /** Answers the first request with {@code bytes}, then reads on. */
    static Behaviour replyWith(byte[] bytes) {
        return s -> {
            readRequest(s.getInputStream());
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            silent().serve(s);
        };
    }

    /** Starts a response and sends header lines until the client hangs up. */
    static Behaviour endlessHeaders() {
        return s -> {
            readRequest(s.getInputStream());
            OutputStream out = s.getOutputStream();
            out.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; ; i++) {
                out.write(("X-Header-" + i + ": filler filler filler filler\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        };
    }

    /** Reads one request (headers and any body), or {@code null} at end of stream. */
    static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        while (line != null && line.isEmpty()) {
            line = readLine(in);
        }
        if (line == null) {
            return null;
        }
        String[] start = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        in.readNBytes(length);
        return new Request(start[0], start[1], headers);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }
}
