package org.skynet.vms.recorder.snapshot;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.skynet.vms.adapters.onvif.HttpDigestAuth;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Fetches a camera's snapshot JPEG (the ONVIF {@code GetSnapshotUri} answer) over HTTP: first without
 * credentials, then, on a {@code 401}, once more with HTTP Digest (RFC 7616) or Basic, whichever the
 * camera asked for. Non-blocking on the JDK's HTTP client.
 *
 * <p>Limits: the body may not exceed {@code maxBytes} ({@code LIMIT_EXCEEDED}, the download is
 * cancelled), and the whole fetch, both attempts included, must finish within {@code timeout}
 * ({@code TIMEOUT}). Refused or failed connections are {@code UNREACHABLE}, a second {@code 401} is
 * {@code AUTH_FAILED}, any other non-200 status {@code PROTOCOL}. Messages carry the URL without
 * user info and never a password.
 */
public final class SnapshotFetcher {
    /** Default largest snapshot: 8 MiB. */
    public static final int DEFAULT_MAX_BYTES = 8 << 20;

    private final HttpClient http;
    private final int maxBytes;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param http a shared client (its connect timeout applies to each attempt)
     * @param maxBytes largest body accepted
     */
    public SnapshotFetcher(HttpClient http, int maxBytes) {
        this.http = http;
        this.maxBytes = maxBytes;
    }

    /**
     * A fetcher on its own HTTP client that follows no redirects.
     *
     * @param executor runs the HTTP client's completion work (not the downloads themselves); a small
     *     bounded pool, so a thousand fetches at once do not become a thousand threads
     */
    public static SnapshotFetcher create(Duration connectTimeout, Executor executor) {
        return new SnapshotFetcher(HttpClient.newBuilder().connectTimeout(connectTimeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build(), DEFAULT_MAX_BYTES);
    }

    /**
     * GETs the snapshot.
     *
     * @param url an {@code http} or {@code https} URL; user info in it is dropped, never sent or shown
     * @param username the account, or {@code null} to send no credentials even when asked
     * @param password the password ({@code null} counts as empty)
     * @param timeout deadline of the whole fetch
     * @return the body of a {@code 200} answer
     */
    public CompletableFuture<byte[]> fetch(URI url, String username, String password, Duration timeout) {
        URI target;
        try {
            target = withoutUserInfo(url);
        } catch (VmsException e) {
            return CompletableFuture.failedFuture(e);
        }
        String context = "GET " + target;
        CompletableFuture<byte[]> result = get(target, Optional.empty(), context, timeout)
                .thenCompose(first -> {
                    if (first.statusCode() != 401 || username == null) {
                        return CompletableFuture.completedFuture(first);
                    }
                    Optional<String> auth = authorization(first, target, username, password == null ? "" : password);
                    if (auth.isEmpty()) {
                        return CompletableFuture.completedFuture(first);
                    }
                    return get(target, auth, context, timeout);
                })
                .thenApply(r -> body(r, context));
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    throw translate(e, context, timeout);
                });
    }

    private CompletableFuture<HttpResponse<byte[]>> get(URI url, Optional<String> authorization, String context,
            Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET().timeout(timeout)
                .header("Accept", "image/jpeg");
        authorization.ifPresent(a -> b.header("Authorization", a));
        return http.sendAsync(b.build(), info -> info.statusCode() == 200
                ? new BoundedBodySubscriber(maxBytes, context)
                : HttpResponse.BodySubscribers.replacing(new byte[0]));
    }

    private Optional<String> authorization(HttpResponse<?> challenge, URI url, String username, String password) {
        String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        for (String header : challenge.headers().allValues("WWW-Authenticate")) {
            Optional<HttpDigestAuth> digest = HttpDigestAuth.parseChallenge(header);
            if (digest.isPresent()) {
                byte[] cnonce = new byte[8];
                random.nextBytes(cnonce);
                return Optional.of(digest.get().authorization(username, password, "GET", target,
                        HexFormat.of().formatHex(cnonce), 1));
            }
        }
        for (String header : challenge.headers().allValues("WWW-Authenticate")) {
            if (header.trim().toLowerCase(Locale.ROOT).startsWith("basic")) {
                String pair = username + ":" + password;
                return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return Optional.empty();
    }

    private static byte[] body(HttpResponse<byte[]> r, String context) {
        return switch (r.statusCode()) {
            case 200 -> r.body();
            case 401, 403 -> throw new SnapshotException(ErrorKind.AUTH_FAILED, context + ": HTTP " + r.statusCode()
                    + ", the camera refused the credentials");
            default -> throw new SnapshotException(ErrorKind.PROTOCOL, context + ": HTTP " + r.statusCode());
        };
    }

    private static VmsException translate(Throwable e, String context, Duration timeout) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof VmsException v) {
            return v;
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException
                && !(cause instanceof HttpConnectTimeoutException)) {
            return new SnapshotException(ErrorKind.TIMEOUT, context + ": no complete answer within "
                    + timeout.toMillis() + " ms", cause);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new SnapshotException(ErrorKind.TIMEOUT, context + ": connect timed out", cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return new SnapshotException(ErrorKind.UNREACHABLE, context + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        }
        return new SnapshotException(ErrorKind.INTERNAL, context + ": " + cause, cause);
    }

    private static URI withoutUserInfo(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw new SnapshotException(ErrorKind.UNSUPPORTED, "snapshot URL must be http(s) with a host: "
                    + url.getScheme() + "://" + url.getHost());
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new SnapshotException(ErrorKind.INVALID_ARGUMENT, "unusable snapshot URL: " + e.getReason());
        }
    }
}
