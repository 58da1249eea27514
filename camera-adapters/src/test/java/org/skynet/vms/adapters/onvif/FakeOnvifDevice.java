package org.skynet.vms.adapters.onvif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.w3c.dom.Element;

/**
 * An ONVIF device on 127.0.0.1, port 0, for client tests: answers each request element with a
 * scripted reply, and checks authentication the way cameras do — WS-Security PasswordDigest with
 * Created near the device's own (drifted) clock, or HTTP Digest (MD5, qop=auth) checked here
 * independently of the client's code.
 */
final class FakeOnvifDevice implements AutoCloseable {
    enum Auth { NONE, WS_SECURITY, HTTP_DIGEST }

    static final String USER = "operator";
    static final String PASSWORD = "not-a-real-password";
    private static final String REALM = "fake-camera";
    private static final String NONCE = "6a1c0b1f3e2d";
    private static final Duration MAX_CREATED_SKEW = Duration.ofSeconds(5);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> wsaTo = new CopyOnWriteArrayList<>();
    private final List<String> referenceParameters = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Clock clock;
    private final Duration drift;
    private volatile Auth auth = Auth.NONE;

    /** A scripted reply: status and body bytes ({@code null}: never answer), chunked or with a length. */
    record Reply(int status, byte[] body, boolean chunked) {
        Reply(int status, byte[] body) {
            this(status, body, false);
        }
    }

    FakeOnvifDevice(Clock clock, Duration drift) throws IOException {
        this.clock = clock;
        this.drift = drift;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    void requireAuth(Auth mode) {
        auth = mode;
    }

    /** Answers requests whose body element is {@code {namespace}localName}. */
    void reply(String namespace, String localName, int status, byte[] body) {
        replies.put(namespace + "#" + localName, new Reply(status, body));
    }

    void reply(String namespace, String localName, byte[] body) {
        reply(namespace, localName, 200, body);
    }

    /** Holds requests for this operation open until the device is closed. */
    void neverAnswer(String namespace, String localName) {
        replies.put(namespace + "#" + localName, new Reply(200, null));
    }

    /** The request element names received so far, {@code path ns#local}. */
    List<String> received() {
        return received;
    }

    List<String> wsaTo() {
        return wsaTo;
    }

    /** Header blocks marked {@code wsa:IsReferenceParameter="true"}, as {@code localName=text}. */
    List<String> referenceParameters() {
        return referenceParameters;
    }

    /** The device's own time: our clock plus its drift. */
    Instant deviceTime() {
        return clock.instant().plus(drift);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] request = ex.getRequestBody().readAllBytes();
            Element body = SoapEnvelope.openBody(request, 1 << 20);
            String key = body.getNamespaceURI() + "#" + body.getLocalName();
            received.add(ex.getRequestURI().getPath() + " " + key);
            Element envelope = body.getOwnerDocument().getDocumentElement();
            OnvifXml.descendant(envelope, OnvifNamespaces.WSA, "To").map(OnvifXml::text).ifPresent(wsaTo::add);
            OnvifXml.child(envelope, OnvifNamespaces.SOAP12, "Header").ifPresent(h -> OnvifXml.childElements(h).stream()
                    .filter(e -> "true".equals(e.getAttributeNS(OnvifNamespaces.WSA, "IsReferenceParameter")))
                    .forEach(e -> referenceParameters.add(e.getLocalName() + "=" + OnvifXml.text(e))));
            if (auth == Auth.HTTP_DIGEST && !digestOk(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate",
                        "Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + NONCE + "\", algorithm=MD5");
                send(ex, 401, "<html>401</html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            boolean open = key.equals(OnvifNamespaces.DEVICE + "#GetSystemDateAndTime");
            if (auth == Auth.WS_SECURITY && !open && !wsSecurityOk(envelope)) {
                send(ex, 400, OnvifTestData.bytes("hikvision_NotAuthorized.xml"));
                return;
            }
            if (open && !replies.containsKey(key)) {
                send(ex, 200, systemDateAndTime(deviceTime()));
                return;
            }
            Reply reply = replies.get(key);
            if (reply == null) {
                send(ex, 500, OnvifTestData.bytes("axis_ActionNotSupported.xml"));
            } else if (reply.body() == null) {
                release.await();
            } else {
                send(ex, reply.status(), reply.body(), reply.chunked());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A test device must say what went wrong rather than drop the connection silently.
            ex.sendResponseHeaders(500, -1);
            throw e;
        }
    }

    private boolean wsSecurityOk(Element envelope) {
        var token = OnvifXml.descendant(envelope, OnvifNamespaces.WSSE, "UsernameToken");
        if (token.isEmpty()) {
            return false;
        }
        String user = OnvifXml.childText(token.get(), OnvifNamespaces.WSSE, "Username").orElse("");
        String digest = OnvifXml.childText(token.get(), OnvifNamespaces.WSSE, "Password").orElse("");
        byte[] nonce = Base64.getDecoder().decode(OnvifXml.childText(token.get(), OnvifNamespaces.WSSE, "Nonce")
                .orElse(""));
        String created = OnvifXml.childText(token.get(), OnvifNamespaces.WSU, "Created").orElse("");
        // The formula itself is pinned to the published vector in UsernameTokenTest.
        String expected = UsernameToken.digest(nonce, created, PASSWORD);
        Duration skew = Duration.between(deviceTime(), Instant.parse(created)).abs();
        return user.equals(USER) && digest.equals(expected) && skew.compareTo(MAX_CREATED_SKEW) <= 0;
    }

    private boolean digestOk(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Digest ")) {
            return false;
        }
        Map<String, String> p = HttpDigestAuth.parseParams(header.substring(7));
        String ha1 = md5(USER + ":" + REALM + ":" + PASSWORD);
        String ha2 = md5("POST:" + ex.getRequestURI().toString());
        String expected = md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return USER.equals(p.get("username")) && expected.equals(p.get("response"))
                && ex.getRequestURI().toString().equals(p.get("uri"));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] systemDateAndTime(Instant utc) {
        var t = utc.atOffset(java.time.ZoneOffset.UTC);
        String xml = "<s:Envelope xmlns:s='" + OnvifNamespaces.SOAP12 + "' xmlns:tds='" + OnvifNamespaces.DEVICE
                + "' xmlns:tt='" + OnvifNamespaces.SCHEMA + "'><s:Body><tds:GetSystemDateAndTimeResponse>"
                + "<tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false"
                + "</tt:DaylightSavings><tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>"
                + t.getMinute() + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date>"
                + "<tt:Year>" + t.getYear() + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>"
                + t.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime>"
                + "</tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>";
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        send(ex, status, body, false);
    }

    private static void send(HttpExchange ex, int status, byte[] body, boolean chunked) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/soap+xml; charset=utf-8");
        ex.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Answers with a {@code size}-byte envelope that is one long text node, chunked or with a length. */
    void replyHuge(String namespace, String localName, int size, boolean chunked) {
        byte[] head = ("<s:Envelope xmlns:s='" + OnvifNamespaces.SOAP12 + "'><s:Body><x>").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        System.arraycopy(head, 0, body, 0, head.length);
        java.util.Arrays.fill(body, head.length, size, (byte) 'a');
        replies.put(namespace + "#" + localName, new Reply(200, body, chunked));
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
