package org.skynet.vms.recorder.clips;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a clip is recorded: a trigger of some type (manual, external, alarm, onvif-motion, ...) with a
 * free-text detail, at an instant on our clock (the pre-roll reaches back from it, the post-roll forward).
 *
 * @param type   short lower-case type, e.g. {@code manual}; never blank
 * @param detail who or what triggered it, or a note; may be {@code null}
 * @param at     when it happened, by our clock
 */
public record ClipTrigger(String type, String detail, Instant at) {
    public ClipTrigger {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }
}
