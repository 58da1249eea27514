package org.skynet.vms.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The comparison point of the monitor benchmark: how a per-camera-worker system probes, with a fixed
 * pool of platform threads each doing a blocking connect and {@code OPTIONS} (bounded by a timeout)
 * for one camera at a time. {@link #sweep} probes every URL once and reports the wall time.
 */
final class BlockingRtspBaseline {
    /** Largest status line plus headers read from an answer. */
    private static final int MAX_ANSWER_BYTES = 8 * 1024;

    /** One sweep's figures. */
    record Sweep(double seconds, int ok, int failed) {
    }

    private final int threads;
    private final Duration timeout;

    BlockingRtspBaseline(int threads, Duration timeout) {
        this.threads = threads;
        this.timeout = timeout;
    }

    Sweep sweep(List<String> rtspUrls) throws InterruptedException {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        for (String url : rtspUrls) {
            pool.execute(() -> (options(url) ? ok : failed).incrementAndGet());
        }
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
            pool.shutdownNow();
        }
        return new Sweep((System.nanoTime() - t0) / 1e9, ok.get(), failed.get());
    }

    /** One blocking probe: true when the camera answered {@code OPTIONS} with a 2xx in time. */
    private boolean options(String url) {
        URI uri = URI.create(url);
        int millis = (int) timeout.toMillis();
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0); // closed with a reset, as the monitor's probes are: no TIME_WAIT on either side
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), millis);
            s.setSoTimeout(millis);
            OutputStream out = s.getOutputStream();
            out.write(("OPTIONS " + url + " RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: blocking-baseline\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(s.getInputStream());
            return head.startsWith("RTSP/1.0 2");
        } catch (IOException e) {
            return false;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < MAX_ANSWER_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            sb.append((char) b);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return sb.toString();
    }
}
