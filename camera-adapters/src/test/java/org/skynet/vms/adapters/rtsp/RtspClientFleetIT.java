package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many cameras on one event loop thread: the client must not block, so every stream keeps up.
 * Prints the figures it measured.
 */
class RtspClientFleetIT {
    private static final int CAMERAS = 50;
    private static final int FRAMES = 50;

    @Test
    void fiftyCamerasOnOneEventLoop() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RtspClient client = new RtspClient(group);
        try (FakeRtspServer server = FakeRtspServer.start(new FakeCamera("admin", "s3cret", -1))) {
            RtspSource source = RtspSource.of(server.url("/live"), "admin", "s3cret").withTimeouts(
                    new RtspTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)));
            long start = System.nanoTime();
            List<CompletableFuture<PlayingSession>> opened = new ArrayList<>();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < CAMERAS; i++) {
                AtomicInteger frames = new AtomicInteger();
                CompletableFuture<Void> enough = new CompletableFuture<>();
                done.add(enough);
                opened.add(client.open(source, unit -> {
                    if (frames.incrementAndGet() == FRAMES) {
                        enough.complete(null);
                    }
                }));
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long lost = 0;
            long packets = 0;
            for (CompletableFuture<PlayingSession> s : opened) {
                StreamStats stats = s.join().stats().get(1, TimeUnit.SECONDS);
                lost += stats.packetsLost();
                packets += stats.packets();
            }
            for (CompletableFuture<PlayingSession> s : opened) {
                s.join().close().get(5, TimeUnit.SECONDS);
            }
            System.out.printf("RtspClientFleetIT: %d cameras on 1 event loop: all playing after %d ms, %d frames each"
                    + " after %d ms, %d RTP packets, %d lost%n", CAMERAS, openMillis, FRAMES, totalMillis, packets, lost);
            assertEquals(0, lost);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
