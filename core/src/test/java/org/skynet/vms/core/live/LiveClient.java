package org.skynet.vms.core.live;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A test viewer of {@code /api/cameras/{id}/live} on the JDK WebSocket client: keeps every message in
 * order (text as String, binary as byte[]), and the time from connecting to the first one. A slow viewer
 * takes the first message and then stops asking for more, so the server's writes back up.
 */
public final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private final List<Object> messages = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private final boolean slow;
    private final long startNanos = System.nanoTime();
    private volatile long firstMessageNanos = -1;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private WebSocket socket;

    private LiveClient(boolean slow) {
        this.slow = slow;
    }

    public static LiveClient open(int port, String cameraId, String token, boolean slow) {
        LiveClient client = new LiveClient(slow);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/cameras/" + cameraId + "/live"), client)
                .orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            add(partialText.toString());
            partialText.setLength(0);
        }
        next(webSocket);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        partial.writeBytes(b);
        if (last) {
            add(partial.toByteArray());
            partial.reset();
        }
        next(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    private void add(Object message) {
        if (firstMessageNanos < 0) {
            firstMessageNanos = System.nanoTime();
        }
        messages.add(message);
        notifyAll();
    }

    private void next(WebSocket webSocket) {
        if (!slow || messages.isEmpty()) {
            webSocket.request(1);
        }
    }

    /** Milliseconds from connecting to the first message, or -1 when none came yet. */
    long firstMessageMillis() {
        long first = firstMessageNanos;
        return first < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(first - startNanos);
    }

    synchronized List<Object> messages() {
        return List.copyOf(messages);
    }

    public synchronized List<String> texts() {
        return messages.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    synchronized long binaries() {
        return messages.stream().filter(byte[].class::isInstance).count();
    }

    /** Waits until at least {@code n} messages came; false on timeout. */
    public synchronized boolean awaitMessages(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits until a text message containing {@code part} came after the first {@code from} messages. */
    synchronized boolean awaitText(String part, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = from; i < messages.size(); i++) {
                if (messages.get(i) instanceof String s && s.contains(part)) {
                    return true;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** The server's close status and reason, once it closed the socket (at most {@code timeout} from now). */
    public String awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Writes every binary message received so far, in order: init segment then fragments. */
    public synchronized Path writeMp4(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.stream().filter(byte[].class::isInstance).forEach(b -> out.writeBytes((byte[]) b));
        return Files.write(file, out.toByteArray());
    }

    @Override
    public void close() {
        if (slow) {
            socket.abort();
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        try {
            closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            socket.abort();
        }
    }
}
