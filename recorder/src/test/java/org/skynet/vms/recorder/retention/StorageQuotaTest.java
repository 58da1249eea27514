package org.skynet.vms.recorder.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.VmsException;

/** Quota arithmetic and per-camera cutoffs. */
class StorageQuotaTest {
    private static final long GIB = 1L << 30;

    @Test
    void percentAndBytesForms() {
        assertEquals(100 * GIB, StorageQuota.DEFAULT.requiredFreeBytes(1000 * GIB));
        assertEquals(101, StorageQuota.DEFAULT.requiredFreeBytes(1001), "rounded up: never less than asked");
        assertEquals(250 * GIB, StorageQuota.parse("q", "25 %").requiredFreeBytes(1000 * GIB));
        assertEquals(50 * GIB, StorageQuota.parse("q", "50GiB").requiredFreeBytes(1000 * GIB));
        assertEquals(500_000_000, StorageQuota.parse("q", "500MB").requiredFreeBytes(1000 * GIB));
        assertEquals(1234, StorageQuota.parse("q", "1234").requiredFreeBytes(1000 * GIB));
        assertEquals(0, StorageQuota.parse("q", "0%").requiredFreeBytes(1000 * GIB));
    }

    @Test
    void badFormsNameTheSetting() {
        for (String bad : new String[] {"", "ten%", "101%", "-5%", "5 PB"}) {
            VmsException e = assertThrows(VmsException.class, () -> StorageQuota.parse("recorder.keep-free", bad));
            assertEquals("recorder.keep-free", e.field(), bad);
        }
    }

    @Test
    void bytesToFreeIsWhatIsMissing() {
        RetentionPolicy p = new RetentionPolicy(RetentionPolicy.DEFAULT_MAX_AGE, StorageQuota.DEFAULT);
        assertEquals(30, p.bytesToFree(new DiskUsage(1000, 70)));
        assertEquals(-50, p.bytesToFree(new DiskUsage(1000, 150)));
    }

    @Test
    void cutoffUsesTheCamerasOwnMaximumAgeElseTheDefault() {
        Instant now = Instant.parse("2026-11-26T06:00:00Z");
        RetentionPolicy p = new RetentionPolicy(Duration.ofDays(30), StorageQuota.DEFAULT);
        Map<String, Duration> own = Map.of("short", Duration.ofDays(2));
        assertEquals(Instant.parse("2026-11-24T06:00:00Z"), p.cutoff("short", own, now));
        assertEquals(Instant.parse("2026-10-27T06:00:00Z"), p.cutoff("other", own, now));
    }
}
