package org.skynet.vms.recorder.playback;

import java.util.Optional;

/**
 * One satisfiable byte range of a file of known length, from an HTTP {@code Range} header
 * (RFC 9110 §14.1.2): {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}.
 *
 * @param first  first byte, inclusive
 * @param last   last byte, inclusive
 */
public record ByteRange(long first, long last) {
    private static final String UNIT = "bytes=";

    /** What a {@code Range} header asks of a file. */
    public sealed interface Request permits Whole, Part, Unsatisfiable {
    }

    /** No usable range (absent, malformed, several ranges): answer the whole file. */
    public record Whole() implements Request {
    }

    /** One satisfiable range: answer 206. */
    public record Part(ByteRange range) implements Request {
    }

    /** A well-formed range that the file cannot satisfy: answer 416. */
    public record Unsatisfiable() implements Request {
    }

    /** Number of bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} value for a file of {@code total} bytes. */
    public String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /** Parses {@code header} (may be {@code null}) against a file of {@code total} bytes. */
    public static Request parse(String header, long total) {
        if (header == null || !header.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return new Whole();
        }
        String spec = header.substring(UNIT.length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf(',') >= 0) {
            return new Whole();
        }
        String left = spec.substring(0, dash).trim();
        String right = spec.substring(dash + 1).trim();
        Optional<Long> a = number(left);
        Optional<Long> b = number(right);
        if (a.isEmpty() == !left.isEmpty() || b.isEmpty() == !right.isEmpty() || (a.isEmpty() && b.isEmpty())) {
            return new Whole();
        }
        if (a.isEmpty()) {
            long suffix = b.get();
            return suffix == 0 || total == 0 ? new Unsatisfiable()
                    : new Part(new ByteRange(Math.max(0, total - suffix), total - 1));
        }
        long first = a.get();
        if (b.isPresent() && b.get() < first) {
            return new Whole();
        }
        if (first >= total) {
            return new Unsatisfiable();
        }
        long last = b.isPresent() ? Math.min(b.get(), total - 1) : total - 1;
        return new Part(new ByteRange(first, last));
    }

    private static Optional<Long> number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
