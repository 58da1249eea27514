package org.skynet.vms.recorder.segment;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * The process {@link SegmentCrashRecoveryIT} kills: records the test clip in an endless loop with the
 * default settings (fsync off: the page cache, which outlives the process, holds every written
 * fragment), printing {@code fragment <path> <n> <bytes>} after each written fragment and
 * {@code closed <path> <n> <bytes>} after each closed file, to stdout and to a log file (whose writes survive the kill, unlike the pipe that
 * {@code Process.destroyForcibly} closes). Arguments: storage root, codec, log file, clip (test clip
 * when absent, else a classpath resource such as the simulator's {@code /sim/main_1080p.h264}),
 * fragment target and segment target in milliseconds.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Codec codec = Codec.valueOf(args[1]);
        PrintStream log = new PrintStream(new FileOutputStream(args[2]), true, StandardCharsets.UTF_8);
        SegmentListener printer = new SegmentListener() {
            @Override
            public void fragmentWritten(SegmentFile file) {
                report("fragment " + file.path() + " " + file.fragments() + " " + file.sizeBytes());
            }

            @Override
            public void closed(SegmentFile file) {
                report("closed " + file.path() + " " + file.fragments() + " " + file.sizeBytes());
            }

            private void report(String line) {
                log.println(line);
                System.out.println(line);
                System.out.flush();
            }
        };
        Duration fragment = Duration.ofMillis(Long.parseLong(args[4]));
        SegmentConfig config = SegmentConfig.defaults(root).withSegmentTarget(Duration.ofMillis(Long.parseLong(args[5])))
                .withFragmentTarget(fragment, fragment.plusSeconds(5));
        SegmentWriter writer = new SegmentWriter("cam-crash", config, printer);
        List<AccessUnit> clip = args[3].isEmpty() ? TestClips.load(codec) : TestClips.load(codec, args[3]);
        Instant wall0 = Instant.parse("2026-09-10T11:12:13Z");
        for (long i = 0; ; i++) {
            AccessUnit au = clip.get((int) (i % clip.size()));
            Instant wall = wall0.plusMillis(40 * i);
            writer.accept(au.withTiming(i * TestClips.FRAME_90K, wall), wall);
        }
    }
}
