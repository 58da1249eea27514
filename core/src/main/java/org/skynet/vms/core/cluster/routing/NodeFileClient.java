package org.skynet.vms.core.cluster.routing;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Core's client of {@link NodeFileApi}: one byte range of a file on a recorder node per call, with the
 * cluster token, a connect timeout and a whole-answer timeout, so a dead or stuck node gives an error
 * naming the node, never a hang. Errors: {@code 502 NODE_UNREACHABLE} (refused, reset, timed out),
 * {@code 502 NODE_REFUSED} (the node does not accept core's token), {@code 502 NODE_PROTOCOL} (an answer
 * that is not the asked range), {@code NOT_FOUND} (the node has no such file). Thread-safe.
 */
public final class NodeFileClient {
    /** Default time to open a connection to a node. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Default time for a whole answer (at most {@link NodeFileApi#MAX_ANSWER_BYTES}). */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final ClusterToken token;
    private final HttpClient http;
    private final Duration answerTimeout;

    public NodeFileClient(ClusterToken token) {
        this(token, DEFAULT_CONNECT_TIMEOUT, DEFAULT_ANSWER_TIMEOUT);
    }

    public NodeFileClient(ClusterToken token, Duration connectTimeout, Duration answerTimeout) {
        this.token = token;
        this.answerTimeout = answerTimeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * Bytes of a file on a node.
     *
     * @param node   where the file is
     * @param root   its storage root, as the row spells it
     * @param path   its path relative to the root
     * @param first  first byte wanted
     * @param length bytes wanted, at most {@link NodeFileApi#MAX_ANSWER_BYTES}; fewer come back at the end of the file
     */
    public Chunk read(RecorderNode node, String root, String path, long first, int length) {
        if (length <= 0 || length > NodeFileApi.MAX_ANSWER_BYTES) {
            throw new IllegalArgumentException("length out of range: " + length);
        }
        URI uri = URI.create(node.url() + NodeFileApi.PATH + "?root=" + encode(root) + "&path=" + encode(path));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(answerTimeout)
                .header("Authorization", token.authorization())
                .header("Range", "bytes=" + first + "-" + (first + length - 1)).GET().build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw unreachable(node, "did not answer within " + answerTimeout.toMillis() + " ms");
        } catch (IOException e) {
            throw unreachable(node, "cannot be reached: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmsException(ErrorKind.INTERNAL, "interrupted while reading from " + node, e);
        }
        return chunk(node, root, path, first, answer);
    }

    /** What a node answered to one range. */
    public record Chunk(byte[] bytes, long fileSize) {
    }

    private static Chunk chunk(RecorderNode node, String root, String path, long first, HttpResponse<byte[]> answer) {
        int status = answer.statusCode();
        if (status == 416) {
            long size = answer.headers().firstValue("Content-Range").map(v -> v.substring(v.indexOf('/') + 1))
                    .map(Long::parseLong).orElse(first);
            return new Chunk(new byte[0], size);
        }
        if (status == 401 || status == 403) {
            throw new HttpError(HttpResponseStatus.BAD_GATEWAY, "NODE_REFUSED", node + " refused core's cluster "
                    + "token (HTTP " + status + "): cluster.token differs between core and the node");
        }
        if (status == 404) {
            throw VmsException.notFound("file '" + path + "' under " + root + " is missing on " + node);
        }
        Matcher m = CONTENT_RANGE.matcher(answer.headers().firstValue("Content-Range").orElse(""));
        if (status != 206 || !m.matches() || Long.parseLong(m.group(1)) != first
                || Long.parseLong(m.group(2)) - first + 1 != answer.body().length) {
            throw new HttpError(HttpResponseStatus.BAD_GATEWAY, "NODE_PROTOCOL", node + " answered HTTP " + status
                    + " (" + answer.headers().firstValue("Content-Range").orElse("no Content-Range") + ") to a range "
                    + "from byte " + first + " of '" + path + "'" + (status >= 400 ? ": " + excerpt(answer.body()) : ""));
        }
        return new Chunk(answer.body(), Long.parseLong(m.group(3)));
    }

    /** The error for a node that could not be asked, with the cause in the message. */
    private static HttpError unreachable(RecorderNode node, String what) {
        return new HttpError(HttpResponseStatus.BAD_GATEWAY, "NODE_UNREACHABLE", node + " " + what);
    }

    /** The exception's class and the first message along its causes ({@code ConnectException} has none). */
    private static String describe(IOException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return e.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
    }

    /** The start of an error answer (the node's JSON error), for the message. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
