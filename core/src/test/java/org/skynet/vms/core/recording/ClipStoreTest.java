package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.clips.ClipFile;
import org.skynet.vms.recorder.clips.ClipTrigger;
import org.skynet.vms.recorder.segment.CloseReason;
import org.skynet.vms.recorder.segment.SegmentFile;
import org.skynet.vms.recorder.segment.SegmentNaming;

/** The clip catalogue, evidence lock and clip retention on H2 and PostgreSQL, with real files. */
class ClipStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path root;

    /** A clip file of {@code seconds} starting at {@code start}, on disk (a few bytes) and catalogued. */
    private ClipRow clip(ClipStore store, String camera, Instant start, int seconds, String type) throws IOException {
        Path path = SegmentNaming.path(root, camera, start, 0);
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[] {1, 2, 3});
        ClipTrigger trigger = new ClipTrigger(type, "ana: test", start.plusSeconds(10));
        store.upsert(root, new ClipFile(trigger, new SegmentFile(camera, path, Codec.H264, 1920, 1080, start, 0, 0, 0,
                1000, null, null)));
        store.upsert(root, new ClipFile(trigger, new SegmentFile(camera, path, Codec.H264, 1920, 1080, start,
                seconds * 90_000L, seconds * 25L, seconds, 3, SHA, CloseReason.STOPPED)));
        return store.list(new ClipStore.Query(camera, start, start.plusSeconds(1), null, null, 10)).get(0);
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void openThenClosedIsOneRowWithTheTriggerAndTheFinalFile(TestDatabase db) throws IOException {
        ClipStore store = new ClipStore(db.jdbc());
        Path path = SegmentNaming.path(root, "cam-1", T0, 0);
        ClipTrigger trigger = new ClipTrigger("manual", "ana: broken window", T0.plusSeconds(10));
        store.upsert(root, new ClipFile(trigger, new SegmentFile("cam-1", path, Codec.H264, 1920, 1080, T0, 0, 0, 0,
                800, null, null)));
        ClipRow open = store.list(new ClipStore.Query("cam-1", T0.minusSeconds(1), T0.plusSeconds(1), null, null, 10))
                .get(0);
        assertEquals("open", open.state());
        assertEquals(T0, open.endWall());

        store.upsert(root, new ClipFile(trigger, new SegmentFile("cam-1", path, Codec.H264, 1920, 1080, T0,
                30 * 90_000L, 750, 30, 9_000_000, SHA, CloseReason.STOPPED)));
        ClipRow closed = store.find(open.id()).orElseThrow();
        assertEquals("closed", closed.state());
        assertEquals("manual", closed.triggerType());
        assertEquals("ana: broken window", closed.triggerDetail());
        assertEquals(T0.plusSeconds(10), closed.triggeredAt());
        assertEquals(T0.plusSeconds(30), closed.endWall());
        assertEquals(30_000, closed.durationMillis());
        assertEquals(9_000_000, closed.sizeBytes());
        assertEquals(750, closed.frames());
        assertEquals(SHA, closed.sha256());
        assertEquals(path.toAbsolutePath().normalize(), closed.file());
        assertFalse(closed.locked());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void listFiltersByCameraRangeTriggerAndLockNewestFirst(TestDatabase db) throws IOException {
        ClipStore store = new ClipStore(db.jdbc());
        ClipRow a = clip(store, "cam-a", T0, 30, "manual");
        ClipRow b = clip(store, "cam-a", T0.plusSeconds(600), 30, "onvif-motion");
        ClipRow c = clip(store, "cam-b", T0.plusSeconds(60), 30, "manual");
        store.lock(c.id(), "sam", "case 17", T0);
        Instant from = T0.minusSeconds(60);
        Instant to = T0.plusSeconds(3600);
        assertEquals(List.of(b.id(), c.id(), a.id()), ids(store.list(new ClipStore.Query(null, from, to, null, null, 10))));
        assertEquals(List.of(b.id(), a.id()), ids(store.list(new ClipStore.Query("cam-a", from, to, null, null, 10))));
        assertEquals(List.of(c.id(), a.id()), ids(store.list(new ClipStore.Query(null, from, to, "manual", null, 10))));
        assertEquals(List.of(c.id()), ids(store.list(new ClipStore.Query(null, from, to, null, true, 10))));
        assertEquals(List.of(a.id()), ids(store.list(new ClipStore.Query(null, T0.plusSeconds(29), T0.plusSeconds(30),
                null, null, 10))), "overlap: a clip ending inside the range counts");
        assertEquals(List.of(b.id()), ids(store.list(new ClipStore.Query(null, from, to, null, null, 1))));
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void lockRecordsWhoAndWhyAndUnlockClearsIt(TestDatabase db) throws IOException {
        ClipStore store = new ClipStore(db.jdbc());
        ClipRow c = clip(store, "cam-1", T0, 30, "manual");
        ClipRow locked = store.lock(c.id(), "sam", "case 2026/17", T0.plusSeconds(99));
        assertTrue(locked.locked());
        assertEquals("sam", locked.lockedBy());
        assertEquals(T0.plusSeconds(99), locked.lockedAt());
        assertEquals("case 2026/17", locked.lockReason());
        assertEquals(ErrorKind.CONFLICT, assertThrows(VmsException.class,
                () -> store.lock(c.id(), "ana", "again", T0)).kind());
        ClipRow unlocked = store.unlock(c.id());
        assertFalse(unlocked.locked());
        assertNull(unlocked.lockedBy());
        assertNull(unlocked.lockReason());
        assertEquals(ErrorKind.CONFLICT, assertThrows(VmsException.class, () -> store.unlock(c.id())).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class,
                () -> store.lock(c.id() + 1000, "sam", "x", T0)).kind());
        assertEquals(ErrorKind.NOT_FOUND, assertThrows(VmsException.class, () -> store.unlock(-1)).kind());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void retentionDeletesOldUnlockedClipsAndNeverALockedOne(TestDatabase db) throws IOException {
        ClipStore store = new ClipStore(db.jdbc());
        ClipRow old = clip(store, "cam-1", T0, 30, "manual");
        ClipRow oldLocked = clip(store, "cam-1", T0.plusSeconds(60), 30, "manual");
        ClipRow recent = clip(store, "cam-1", T0.plusSeconds(Duration.ofDays(29).toSeconds()), 30, "manual");
        ClipRow otherCamera = clip(store, "cam-2", T0, 30, "alarm");
        store.lock(oldLocked.id(), "sam", "evidence", T0);
        Instant now = T0.plus(Duration.ofDays(30)).plusSeconds(120);
        ClipSweeper sweeper = new ClipSweeper(store, camera -> camera.equals("cam-2") ? Duration.ofDays(365)
                : Duration.ofDays(30));

        assertEquals(1, sweeper.sweep(now));
        assertTrue(store.find(old.id()).isEmpty());
        assertFalse(Files.exists(old.file()));
        assertTrue(store.find(oldLocked.id()).isPresent());
        assertTrue(Files.exists(oldLocked.file()), "a locked clip's file stays");
        assertTrue(store.find(recent.id()).isPresent());
        assertTrue(store.find(otherCamera.id()).isPresent(), "its camera keeps clips for a year");
        assertFalse(store.deleteUnlocked(oldLocked.id()), "the delete statement itself checks the lock");

        store.unlock(oldLocked.id());
        assertEquals(1, sweeper.sweep(now), "once unlocked, it ages out like any other");
        assertFalse(Files.exists(oldLocked.file()));
        assertEquals(0, sweeper.sweep(now));
    }

    private static List<Long> ids(List<ClipRow> rows) {
        return rows.stream().map(ClipRow::id).toList();
    }
}
