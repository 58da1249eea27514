package org.skynet.vms.adapters.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately tiny blocking RTSP/1.0 client for tests: plain socket, Digest or Basic auth,
 * TCP-interleaved frames. Independent of the production client so that it checks the server
 * against a second reading of RFC 2326.
 */
final class RawRtspClient implements AutoCloseable {
    /** One response: status code, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One interleaved frame. */
    record Frame(int channel, byte[] data) {
        int seq() {
            return (data[2] & 0xff) << 8 | (data[3] & 0xff);
        }

        long timestamp() {
            return ((data[4] & 0xffL) << 24) | ((data[5] & 0xff) << 16) | ((data[6] & 0xff) << 8) | (data[7] & 0xff);
        }

        boolean marker() {
            return (data[1] & 0x80) != 0;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final String user;
    private final String password;
    private int cseq;
    private String authorizationScheme;
    private String realm;
    private String nonce;
    private String session;

    RawRtspClient(String url, String user, String password, int timeoutMillis) throws IOException {
        URI uri = URI.create(url);
        this.socket = new Socket(uri.getHost(), uri.getPort());
        this.socket.setSoTimeout(timeoutMillis);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
        this.user = user;
        this.password = password;
    }

    String session() {
        return session;
    }

    /** Sends a request, answering one 401 challenge with the credentials. Skips interleaved frames. */
    Response request(String method, String url, Map<String, String> headers) throws IOException {
        Response r = send(method, url, headers);
        if (r.status() == 401 && user != null && authorizationScheme == null) {
            String challenge = r.header("www-authenticate");
            authorizationScheme = challenge.startsWith("Digest") ? "Digest" : "Basic";
            realm = param(challenge, "realm");
            nonce = param(challenge, "nonce");
            r = send(method, url, headers);
        }
        String s = r.header("session");
        if (s != null) {
            session = s.split(";")[0].trim();
        }
        return r;
    }

    /** DESCRIBE, SETUP (interleaved 0-1) and PLAY; returns the PLAY response. */
    Response play(String url) throws IOException {
        Response describe = request("DESCRIBE", url, Map.of("Accept", "application/sdp"));
        if (describe.status() != 200) {
            return describe;
        }
        Response setup = request("SETUP", url + "/trackID=0", Map.of("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1"));
        if (setup.status() != 200) {
            return setup;
        }
        return request("PLAY", url, Map.of("Session", session, "Range", "npt=0.000-"));
    }

    /** Reads the next interleaved frame. @throws java.net.SocketTimeoutException if none comes in time */
    Frame readFrame() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        if (b != '$') {
            throw new IOException("expected an interleaved frame, got byte " + b);
        }
        int channel = in.readUnsignedByte();
        int len = in.readUnsignedShort();
        byte[] data = new byte[len];
        in.readFully(data);
        return new Frame(channel, data);
    }

    InputStream input() {
        return in;
    }

    private Response send(String method, String url, Map<String, String> headers) throws IOException {
        StringBuilder req = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\n");
        req.append("CSeq: ").append(++cseq).append("\r\n");
        req.append("User-Agent: RawRtspClient\r\n");
        if (authorizationScheme != null) {
            req.append("Authorization: ").append(authorization(method, url)).append("\r\n");
        }
        headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("\r\n");
        out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readResponse();
    }

    private String authorization(String method, String url) {
        if (authorizationScheme.equals("Basic")) {
            return "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + url);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + url
                + "\", response=\"" + md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
    }

    private Response readResponse() throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                throw new EOFException("connection closed before a response");
            }
            if (first == '$') {
                in.readUnsignedByte();
                in.skipNBytes(in.readUnsignedShort());
                continue;
            }
            String statusLine = (char) first + readLine();
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = new byte[length];
            in.readFully(body);
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(body, StandardCharsets.UTF_8));
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed inside a response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String param(String header, String name) {
        int i = header.indexOf(name + "=\"");
        if (i < 0) {
            return null;
        }
        int start = i + name.length() + 2;
        return header.substring(start, header.indexOf('"', start));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
