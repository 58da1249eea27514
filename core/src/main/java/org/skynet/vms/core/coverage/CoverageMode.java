package org.skynet.vms.core.coverage;

import java.util.Locale;
import org.skynet.vms.errors.VmsException;

/** Which cameras count towards coverage. */
public enum CoverageMode {
    /** Every enabled camera: coverage on paper, as installed. */
    DESIGNED,
    /** Only enabled cameras whose monitor state is ONLINE now. */
    LIVE;

    /** Whether this camera counts in this mode. */
    public boolean counts(CameraView camera, LiveStates states) {
        return camera.enabled() && (this == DESIGNED || states.isOnline(camera.id()));
    }

    /** Lower-case name used on the command line and in JSON. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code live} or {@code designed}, in any case. */
    public static CoverageMode parse(String text) {
        for (CoverageMode m : values()) {
            if (m.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw VmsException.invalid("mode", "mode must be live or designed, not '" + text + "'");
    }
}
