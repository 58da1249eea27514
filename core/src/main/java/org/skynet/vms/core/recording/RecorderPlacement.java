package org.skynet.vms.core.recording;

import java.util.Locale;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

/**
 * Where {@code serve} has its cameras recorded ({@code recorder.nodes}): {@link #IN_PROCESS} (the default,
 * the single server records every camera with a mode itself) or {@link #EXTERNAL} (recorder nodes started
 * with {@code vms recorder} record them under leases; core records nothing but still reads the catalogue,
 * plays back and serves live viewers).
 */
public enum RecorderPlacement {
    IN_PROCESS,
    EXTERNAL;

    /** The config key. */
    public static final String KEY = "recorder.nodes";

    /**
     * Reads {@code recorder.nodes}: {@code in-process} (default) or {@code external}.
     *
     * @throws VmsException INVALID_ARGUMENT naming the key for any other value
     */
    public static RecorderPlacement from(VmsConfig config) {
        String value = config.string(KEY, "in-process").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "in-process" -> IN_PROCESS;
            case "external" -> EXTERNAL;
            default -> throw VmsException.invalid(KEY, KEY + " must be in-process or external, got '" + value + "'");
        };
    }

    /** Which cameras the server's own recorder records. */
    public RecordedCameras recordedCameras() {
        return this == IN_PROCESS ? RecordedCameras.ALL : RecordedCameras.NONE;
    }
}
