package org.skynet.vms.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.skynet.vms.core.server.Json;

/** A client of {@code /api/events} for tests: signs in with a bearer token and keeps every JSON message. */
public final class EventCollector implements WebSocket.Listener, AutoCloseable {
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static EventCollector connect(int port, String token) {
        EventCollector c = new EventCollector();
        c.socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/events"), c).join();
        return c;
    }

    /** Every message so far, in arrival order. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(Json.MAPPER.readTree(partial.toString()));
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
