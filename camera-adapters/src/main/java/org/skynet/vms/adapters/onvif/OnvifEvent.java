package org.skynet.vms.adapters.onvif;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code wsnt:NotificationMessage} with its {@code tt:Message} payload, classified without
 * reference to any codec or recorder: what kind of event it is and whether the condition is active.
 *
 * @param topic the topic with the ONVIF topic namespace written as {@code tns1:}, whatever prefix the
 *     device used, e.g. {@code tns1:VideoSource/MotionAlarm}, {@code tns1:RuleEngine/TamperDetector/Tamper}
 * @param kind what the topic reports, see {@link Kind#of(String)}
 * @param active whether the condition holds, from the first boolean Data item of {@link #STATE_ITEMS}
 *     (xs:boolean); false when
 *     none is present
 * @param utcTime when the event happened on the device's clock, if stated
 * @param propertyOperation {@code Initialized} (the state at subscription time), {@code Changed} or
 *     {@code Deleted}; may be empty
 * @param source the {@code tt:Source} SimpleItems, name to value, in document order
 * @param data the {@code tt:Data} SimpleItems, name to value, in document order
 */
public record OnvifEvent(String topic, Kind kind, boolean active, Optional<Instant> utcTime, String propertyOperation,
        Map<String, String> source, Map<String, String> data) {

    /**
     * Data items that carry the on/off state of an event, in the order they are looked for. Vendor
     * spellings: {@code Value="True"} (Pelco D6230L CellMotionDetector), {@code motion} (Axis
     * {@code tnsaxis:MotionDetection}), {@code Event} (Pelco AdaptiveMotion/DirectionalMotion pulses).
     */
    public static final List<String> STATE_ITEMS =
            List.of("IsMotion", "IsTamper", "State", "Value", "LogicalState", "motion", "Event");

    /** What an event topic reports. */
    public enum Kind {
        /** Motion: {@code VideoSource/MotionAlarm}, {@code RuleEngine/CellMotionDetector/Motion}, vendor motion rules. */
        MOTION,
        /** Tampering: {@code RuleEngine/TamperDetector/Tamper}, {@code VideoSource/GlobalSceneChange/...}. */
        TAMPER,
        /** Anything else (monitoring, I/O, configuration changes, ...). */
        OTHER;

        /** Classifies a topic by its path segments after the namespace prefix. */
        public static Kind of(String topic) {
            String path = topic.substring(topic.indexOf(':') + 1);
            for (String segment : path.split("/")) {
                if (segment.startsWith("Tamper") || segment.equals("GlobalSceneChange")) {
                    return TAMPER;
                }
                if (segment.contains("Motion")) {
                    return MOTION;
                }
            }
            return OTHER;
        }
    }

    public OnvifEvent {
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** Classifies a parsed message: {@link Kind#of(String)} on the topic, the state from {@link #STATE_ITEMS}. */
    public static OnvifEvent of(String topic, Optional<Instant> utcTime, String propertyOperation,
            Map<String, String> source, Map<String, String> data) {
        boolean active = STATE_ITEMS.stream().filter(data::containsKey).findFirst()
                .map(name -> XsdValues.bool(data.get(name))).orElse(false);
        return new OnvifEvent(topic, Kind.of(topic), active, utcTime, propertyOperation, source, data);
    }

    /** Whether this is the state at subscription time rather than a change ({@code PropertyOperation="Initialized"}). */
    public boolean initial() {
        return "Initialized".equals(propertyOperation);
    }
}
