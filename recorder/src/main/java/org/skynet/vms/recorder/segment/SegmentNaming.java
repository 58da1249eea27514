package org.skynet.vms.recorder.segment;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.errors.VmsException;

/**
 * File names of segments: {@code <root>/<camera>/<yyyy-MM-dd>/<camera>_<yyyyMMdd'T'HHmmss.SSS'Z'>[-n].mp4},
 * UTC, from the wall-clock start. Camera ids are limited to {@code [A-Za-z0-9._-]{1,64}} and may not
 * start with a dot, so an id can never leave the storage root.
 */
public final class SegmentNaming {
    /** What a camera id may look like. */
    public static final Pattern CAMERA_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FILE = Pattern.compile("(.+)_(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-\\d+)?\\.mp4");

    /** The camera and start instant a segment file name encodes. */
    public record Parsed(String cameraId, Instant startWall) {
    }

    private SegmentNaming() {
    }

    /** Checks a camera id for use in paths; returns it. */
    public static String checkCameraId(String cameraId) {
        if (cameraId == null || !CAMERA_ID.matcher(cameraId).matches()) {
            throw VmsException.invalid("cameraId", "must match " + CAMERA_ID.pattern() + ": " + cameraId);
        }
        return cameraId;
    }

    /**
     * The path of a segment starting at {@code startWall}; {@code attempt} > 0 adds a {@code -attempt}
     * suffix for a second file in the same millisecond.
     */
    public static Path path(Path root, String cameraId, Instant startWall, int attempt) {
        checkCameraId(cameraId);
        String name = cameraId + "_" + STAMP.format(startWall) + (attempt > 0 ? "-" + attempt : "") + ".mp4";
        return root.resolve(cameraId).resolve(DAY.format(startWall)).resolve(name);
    }

    /** Reads camera and start from a segment file name. */
    public static Parsed parse(Path file) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw VmsException.invalid("path", "not a segment file name: " + file.getFileName());
        }
        try {
            return new Parsed(checkCameraId(m.group(1)), Instant.from(STAMP.parse(m.group(2))));
        } catch (DateTimeParseException e) {
            throw VmsException.invalid("path", "bad time in segment file name: " + file.getFileName());
        }
    }
}
