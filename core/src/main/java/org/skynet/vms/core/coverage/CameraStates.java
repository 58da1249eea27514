package org.skynet.vms.core.coverage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.skynet.vms.errors.VmsException;

/**
 * Camera states read from a status file ({@code id,state} with that header, one camera per line),
 * as exported by the monitor: {@code ONLINE}, {@code OFFLINE}, {@code DEGRADED}, ... Only
 * {@code ONLINE} counts as online; a camera missing from the file is not online. The two columns
 * are plain words, so quoting is refused rather than parsed. All or nothing: every bad line is
 * listed in one {@link VmsException} (field {@code status}). Immutable.
 */
public final class CameraStates implements LiveStates {
    public static final long MAX_BYTES = 32L * 1024 * 1024;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern STATE = Pattern.compile("[A-Za-z_]{1,32}");
    private static final int MAX_LISTED = 1_000;

    private final Map<String, String> states;

    private CameraStates(Map<String, String> states) {
        this.states = Collections.unmodifiableMap(states);
    }

    /** Camera id to upper-case state. */
    public Map<String, String> states() {
        return states;
    }

    @Override
    public boolean isOnline(String cameraId) {
        return "ONLINE".equals(states.get(cameraId));
    }

    /** Reads a status file; its name is used in messages. */
    public static CameraStates read(Path file) {
        String source = String.valueOf(file.getFileName());
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw VmsException.invalid("status", source + ": larger than " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw VmsException.invalid("status", source + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses status text; {@code source} names it in messages. */
    public static CameraStates parse(String text, String source) {
        String[] lines = text.replace("\uFEFF", "").split("\r\n|\r|\n");
        if (lines.length == 0 || !lines[0].strip().replace(" ", "").equalsIgnoreCase("id,state")) {
            throw VmsException.invalid("status", source + " line 1: the header must be id,state");
        }
        Map<String, String> states = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            String where = "line " + (i + 1);
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                problems.add(where + ": expected 2 fields (id,state), got " + fields.length);
                continue;
            }
            String id = fields[0].strip();
            String state = fields[1].strip();
            if (!ID.matcher(id).matches()) {
                problems.add(where + ", column id: id must be 1 to 64 of A-Z a-z 0-9 . _ -");
            } else if (!STATE.matcher(state).matches()) {
                problems.add(where + ", column state: state must be a word such as ONLINE or OFFLINE");
            } else if (states.putIfAbsent(id, state.toUpperCase(Locale.ROOT)) != null) {
                problems.add(where + ", column id: camera " + id + " appears twice");
            }
        }
        if (!problems.isEmpty()) {
            int total = problems.size();
            List<String> listed = problems.subList(0, Math.min(total, MAX_LISTED));
            throw VmsException.invalid("status", source + ": " + total + " bad line(s), nothing read:\n  "
                    + String.join("\n  ", listed) + (total > MAX_LISTED ? "\n  ..." : ""));
        }
        return new CameraStates(states);
    }
}
