package org.skynet.vms.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.api.TestServer;

/** Leases to recording: what a node records, under which epoch, and who is told to start or stop. */
class LeasedCamerasTest {
    @Test
    void aLostLeaseStopsAtOnceAndEveryChangeIsRefreshed() throws InterruptedException {
        List<String> refreshed = new CopyOnWriteArrayList<>();
        List<String> stopped = new CopyOnWriteArrayList<>();
        try (LeasedCameras leased = new LeasedCameras()) {
            leased.follow(refreshed::add, stopped::add, camera -> CompletableFuture.completedFuture(null));
            leased.acquired("cam-1", 7);
            assertTrue(leased.records("cam-1"));
            assertEquals(OptionalLong.of(7), leased.epoch("cam-1"));
            TestServer.await("a lease acquired is refreshed", () -> refreshed.equals(List.of("cam-1")));

            leased.lost("cam-1", 7);
            assertEquals(List.of("cam-1"), stopped, "stopped before lost() returns, before the lease is released");
            assertFalse(leased.records("cam-1"));
            assertEquals(OptionalLong.empty(), leased.epoch("cam-1"));
            TestServer.await("a lease lost is refreshed", () -> refreshed.size() == 2);

            leased.acquired("cam-2", 3);
            leased.acquired("cam-2", 4);
            leased.lost("cam-2", 3);
            assertEquals(OptionalLong.of(4), leased.epoch("cam-2"), "losing an older epoch keeps the newer lease");
            assertEquals(List.of("cam-1"), stopped, "and does not stop its recording");
            assertEquals(1, leased.count());
        }
    }

    @Test
    void aCameraGivenUpKeepsItsEpochUntilItsRowsAreStored() throws Exception {
        CompletableFuture<Void> rowsStored = new CompletableFuture<>();
        List<String> storing = new CopyOnWriteArrayList<>();
        try (LeasedCameras leased = new LeasedCameras()) {
            leased.follow(camera -> { }, camera -> { }, camera -> {
                storing.add(camera);
                return rowsStored;
            });
            leased.acquired("cam-1", 5);
            CompletableFuture<Void> released = leased.releasing("cam-1", 5).toCompletableFuture();
            assertFalse(leased.records("cam-1"), "no longer recorded");
            TestServer.await("its session is stopped and its rows stored", () -> storing.equals(List.of("cam-1")));
            assertEquals(OptionalLong.of(5), leased.epoch("cam-1"), "its closing rows still pass the fence");
            assertFalse(released.isDone());

            rowsStored.complete(null);
            released.get(5, TimeUnit.SECONDS);
            assertEquals(OptionalLong.empty(), leased.epoch("cam-1"), "once stored, the epoch is gone");
            assertTrue(leased.releasing("cam-9", 1).toCompletableFuture().isDone(), "a camera not held: at once");
        }
    }
}
