package org.skynet.vms.adapters.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Loads golden RTSP responses from {@code testdata/rtsp/}. Files are stored with LF line ends so
 * they stay editable; this turns them into wire form: CRLF everywhere, {@code Content-Length}
 * rewritten to the real body length, and the {@code CSeq} set to the one the test expects.
 */
final class Golden {
    private Golden() {
    }

    /** The file as sent on the wire, with its CSeq replaced by {@code cseq}. */
    static String response(String name, long cseq) {
        String text = raw(name).replace("\r\n", "\n");
        int split = text.indexOf("\n\n");
        String head = text.substring(0, split);
        String body = text.substring(split + 2).replace("\n", "\r\n");
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("cseq:")) {
                out.append("CSeq: ").append(cseq);
            } else if (lower.startsWith("content-length:")) {
                continue;
            } else {
                out.append(line);
            }
            out.append("\r\n");
        }
        if (!body.isEmpty()) {
            out.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return out.append("\r\n").append(body).toString();
    }

    static String raw(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/testdata/rtsp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
