package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.recorder.clips.ClipFile;
import org.skynet.vms.recorder.clips.ClipTrigger;
import org.skynet.vms.recorder.segment.SegmentFile;

/** Clips left open by a crash are cut after their last complete fragment and closed; lost ones go. */
class ClipRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @TempDir
    Path root;

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void openClipsAreRepairedAndClosedAndLostOnesRemoved(TestDatabase db) throws IOException {
        ClipStore store = new ClipStore(db.jdbc());
        ClipTrigger trigger = new ClipTrigger("alarm", "OFFLINE: camera cam-1", T0.plusSeconds(3));
        SegmentFile crashed = RecordingServiceRecoveryTest.crashedFile(root, "cam-1", T0, 120);
        store.upsert(root, new ClipFile(trigger, crashed));
        SegmentFile lost = RecordingServiceRecoveryTest.crashedFile(root, "cam-2", T0, 60);
        store.upsert(root, new ClipFile(trigger, lost));
        Files.delete(lost.path());
        assertEquals(2, store.openClips(root).size());

        assertEquals(1, ClipRecovery.recover(store, root));

        assertTrue(store.openClips(root).isEmpty());
        ClipRow repaired = store.list(new ClipStore.Query("cam-1", T0, T0.plusSeconds(1), null, null, 10)).get(0);
        assertEquals("closed", repaired.state());
        assertEquals(crashed.frames(), repaired.frames());
        assertEquals(crashed.sizeBytes(), Files.size(repaired.file()), "cut after the last complete fragment");
        assertEquals(crashed.sizeBytes(), repaired.sizeBytes());
        assertNotNull(repaired.sha256());
        assertEquals("alarm", repaired.triggerType());
        assertEquals(T0.plusSeconds(3), repaired.triggeredAt());
        assertTrue(store.list(new ClipStore.Query("cam-2", T0, T0.plusSeconds(1), null, null, 10)).isEmpty());
    }
}
