package org.skynet.vms.adapters.onvif;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code wsnt:NotificationMessage} with its {@code tt:Message} payload.
 *
 * @param topic the topic with the ONVIF topic namespace written as {@code tns1:}, whatever prefix the
 *     device used, e.g. {@code tns1:VideoSource/MotionAlarm}, {@code tns1:RuleEngine/TamperDetector/Tamper}
 * @param utcTime when the event happened on the device's clock, if stated
 * @param propertyOperation {@code Initialized}, {@code Changed} or {@code Deleted}; may be empty
 * @param source the {@code tt:Source} SimpleItems, name to value, in document order
 * @param data the {@code tt:Data} SimpleItems, name to value, in document order
 */
public record NotificationMessage(String topic, Optional<Instant> utcTime, String propertyOperation,
        Map<String, String> source, Map<String, String> data) {

    /** Whether the topic is a motion topic (MotionAlarm, CellMotionDetector/Motion, ...). */
    public boolean isMotion() {
        return topic.contains("Motion");
    }

    /** Whether the topic is a tampering topic (TamperDetector, GlobalSceneChange, ...). */
    public boolean isTamper() {
        return topic.contains("Tamper") || topic.contains("GlobalSceneChange");
    }
}
