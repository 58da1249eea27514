package org.skynet.vms.core.cluster;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.retention.DiskUsage;

/**
 * Measures a recorder node's {@link NodeFigures} at each heartbeat (the {@link LeaseKeeper} adds the number of
 * cameras it holds). The ingest bit rate is the growth of every camera's byte counter since the previous call
 * (a camera that started or restarted in between counts from its new session; one that stopped counts no more)
 * over the time between the calls. Disk figures are those of the storage root's file system, not a walk of the
 * tree. Not thread-safe: one heartbeat thread calls {@link #measure}.
 */
public final class NodeFiguresMeter {
    private static final double SECONDS_PER_DAY = 86_400;

    private final String url;
    private final int capacity;
    private final Supplier<List<IngestSnapshot>> ingest;
    private final Supplier<DiskUsage> disk;
    private final DoubleSupplier cpuLoad;
    private final Clock clock;
    private Map<String, Long> lastBytes = Map.of();
    private Instant lastAt;

    /**
     * @param url     the node's internal HTTP base, or {@code null}
     * @param capacity cameras it declares it can record
     * @param ingest  every recorded camera's counters (e.g. {@code RecordingService::statuses})
     * @param disk    the storage root's file system (e.g. {@code () -> DiskUsage.of(root)})
     * @param cpuLoad this process's CPU load, 0–1 of the machine, negative when unknown
     */
    public NodeFiguresMeter(String url, int capacity, Supplier<List<IngestSnapshot>> ingest, Supplier<DiskUsage> disk, DoubleSupplier cpuLoad,
            Clock clock) {
        this.url = url;
        this.capacity = capacity;
        this.ingest = ingest;
        this.disk = disk;
        this.cpuLoad = cpuLoad;
        this.clock = clock;
    }

    /** The JVM's own process CPU load ({@code com.sun.management}), negative where the JVM does not say. */
    public static DoubleSupplier processCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getProcessCpuLoad;
        }
        return () -> -1;
    }

    /** The figures now; the first call reports a bit rate of 0 (no interval yet). */
    public NodeFigures measure() {
        Instant now = clock.instant();
        List<IngestSnapshot> snapshots = ingest.get();
        Map<String, Long> bytes = new HashMap<>();
        long grown = 0;
        for (IngestSnapshot s : snapshots) {
            bytes.put(s.cameraId(), s.bytes());
            Long before = lastBytes.get(s.cameraId());
            if (before != null && s.bytes() >= before) {
                grown += s.bytes() - before;
            }
        }
        long bps = 0;
        if (lastAt != null) {
            long millis = Duration.between(lastAt, now).toMillis();
            bps = millis <= 0 ? 0 : grown * 8_000 / millis;
        }
        lastBytes = bytes;
        lastAt = now;
        DiskUsage usage = disk.get();
        double load = cpuLoad.getAsDouble();
        Double freeDays = bps == 0 ? null : usage.usableBytes() / (bps / 8.0 * SECONDS_PER_DAY);
        return new NodeFigures(url, capacity, bps, load < 0 ? null : load * 100,
                usage.totalBytes() - usage.usableBytes(), usage.usableBytes(), freeDays);
    }
}
