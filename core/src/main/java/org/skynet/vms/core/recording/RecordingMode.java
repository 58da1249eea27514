package org.skynet.vms.core.recording;

import java.util.Locale;
import org.skynet.vms.errors.VmsException;

/** How a camera is recorded. */
public enum RecordingMode {
    /** Every frame, around the clock; clips around events as well, as separate files. */
    CONTINUOUS,
    /** Only clips around events (pre-roll + post-roll); see {@code docs/design/event-clips.md}. */
    EVENTS,
    /** Not recorded. */
    OFF;

    /** The lower-case name used in the database and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code continuous}, {@code events} or {@code off} (any case). */
    public static RecordingMode parse(String text) {
        if (text != null) {
            for (RecordingMode m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
        }
        throw VmsException.invalid("mode", "mode must be continuous, events or off, got '" + text + "'");
    }
}
