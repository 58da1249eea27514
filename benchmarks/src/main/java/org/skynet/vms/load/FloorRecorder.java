package org.skynet.vms.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.rtsp.RtspAuthenticator;
import org.skynet.vms.adapters.rtsp.RtspSource;

/**
 * The physical floor of recording, as a row of the recorder benchmark: per camera a blocking RTSP
 * handshake (DESCRIBE, SETUP interleaved over TCP, PLAY; Digest answered by the client's
 * {@link RtspAuthenticator}), then one selector thread appends every byte each socket delivers, as it
 * is, to that camera's file: one {@code read} and one {@code write} per readiness, nothing parsed,
 * hashed or muxed. What it costs is the kernel's price of receiving the streams over loopback TCP
 * and putting them in the page cache, plus one idle JVM; no recorder can go below it on the same
 * streams.
 */
final class FloorRecorder implements AutoCloseable {
    private static final int READ_BUFFER_BYTES = 256 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Selector selector;
    private final List<SocketChannel> sockets = new ArrayList<>();
    private final List<FileChannel> files = new ArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final Thread loop;
    private volatile boolean running = true;

    private FloorRecorder(Selector selector) {
        this.selector = selector;
        this.loop = new Thread(this::run, "floor-recorder");
    }

    /**
     * Connects to every camera ({@code id url user password}) and starts appending to {@code dir/id.rtp}.
     */
    static FloorRecorder start(List<String[]> cameras, Path dir) throws IOException {
        Files.createDirectories(dir);
        FloorRecorder floor = new FloorRecorder(Selector.open());
        try {
            for (String[] c : cameras) {
                SocketChannel socket = play(RtspSource.of(c[1], c[2], c[3]));
                FileChannel file = FileChannel.open(dir.resolve(c[0] + ".rtp"), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                floor.sockets.add(socket);
                floor.files.add(file);
                socket.configureBlocking(false);
                socket.register(floor.selector, SelectionKey.OP_READ, file);
            }
        } catch (IOException | RuntimeException e) {
            floor.close();
            throw e;
        }
        floor.loop.start();
        return floor;
    }

    /** Bytes appended so far. */
    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel s : sockets) {
            s.close();
        }
        for (FileChannel f : files) {
            f.close();
        }
        selector.close();
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        try {
            while (running) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    buffer.clear();
                    int n = ((SocketChannel) key.channel()).read(buffer);
                    if (n < 0) {
                        key.cancel();
                        continue;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        ((FileChannel) key.attachment()).write(buffer);
                    }
                    bytes.addAndGet(n);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (running) {
                throw new IllegalStateException("floor recorder failed", e);
            }
        }
    }

    /** DESCRIBE, SETUP and PLAY on a blocking socket; returns it once PLAY is answered 200. */
    private static SocketChannel play(RtspSource source) throws IOException {
        URI uri = source.uri();
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(uri.getHost(), source.port()), HANDSHAKE_TIMEOUT_MILLIS);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            Handshake h = new Handshake(socket, RtspAuthenticator.of(source.credentials()));
            String url = source.requestUrl();
            String describe = h.request("DESCRIBE", url, "Accept: application/sdp\r\n");
            String track = url + "/" + sdpTrackControl(describe);
            String setup = h.request("SETUP", track, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n");
            String session = header(setup, "session").split(";")[0].trim();
            h.request("PLAY", url + "/", "Session: " + session + "\r\nRange: npt=0.000-\r\n");
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String sdpTrackControl(String describe) {
        for (String line : describe.split("\r\n")) {
            if (line.startsWith("a=control:") && !line.equals("a=control:*")) {
                return line.substring("a=control:".length());
            }
        }
        throw new IllegalStateException("no track control URL in the SDP");
    }

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IllegalStateException("no " + name + " header in " + response.lines().findFirst().orElse(""));
    }

    /** One blocking request/response exchange after another, answering one authentication challenge. */
    private static final class Handshake {
        private final InputStream in;
        private final OutputStream out;
        private final RtspAuthenticator authenticator;
        private int cseq;

        Handshake(Socket socket, RtspAuthenticator authenticator) throws IOException {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.authenticator = authenticator;
        }

        String request(String method, String url, String headers) throws IOException {
            for (int retries = 0;; retries++) {
                String auth = authenticator.authorization(method, url);
                out.write((method + " " + url + " RTSP/1.0\r\nCSeq: " + ++cseq + "\r\n" + headers
                        + (auth == null ? "" : "Authorization: " + auth + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = readResponse();
                if (response.startsWith("RTSP/1.0 401") && authenticator.unauthorized(
                        List.of(header(response, "www-authenticate")), retries)) {
                    continue;
                }
                if (!response.startsWith("RTSP/1.0 200")) {
                    throw new IOException(method + " " + url + ": " + response.lines().findFirst().orElse(""));
                }
                return response;
            }
        }

        private static boolean endsWithBlankLine(StringBuilder head) {
            int n = head.length();
            return n >= 4 && head.charAt(n - 4) == '\r' && head.charAt(n - 3) == '\n' && head.charAt(n - 2) == '\r'
                    && head.charAt(n - 1) == '\n';
        }

        /** Status line, headers and the body of {@code Content-Length}, as one string. */
        private String readResponse() throws IOException {
            StringBuilder head = new StringBuilder();
            while (!endsWithBlankLine(head)) {
                int b = in.read();
                if (b < 0 || head.length() > MAX_HEAD_BYTES) {
                    throw new IOException("RTSP response ended early or too long: " + head);
                }
                head.append((char) b);
            }
            String response = head.toString();
            int length = response.toLowerCase(Locale.ROOT).contains("\r\ncontent-length:")
                    ? Integer.parseInt(header(response, "content-length")) : 0;
            return response + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
        }
    }
}
