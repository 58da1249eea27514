package org.skynet.vms.adapters.onvif;

import java.util.List;

/**
 * {@code tev:GetEventPropertiesResponse}: the topics a device announces.
 *
 * @param fixedTopicSet whether the device promises to send no topics beyond these
 * @param topics each topic that has a {@code tt:MessageDescription}, in document order
 */
public record EventProperties(boolean fixedTopicSet, List<Topic> topics) {

    public EventProperties {
        topics = List.copyOf(topics);
    }

    /**
     * One announced topic.
     *
     * @param topic the path, e.g. {@code tns1:RuleEngine/CellMotionDetector/Motion}; vendor segments keep
     *     their prefix ({@code tns1:VideoSource/tnshik:SignalStandardMismatch})
     * @param kind {@link OnvifEvent.Kind#of(String)} of the path
     * @param property whether it is a property (state with Initialized/Changed/Deleted) rather than a pulse
     * @param sourceItems names of the Source items
     * @param dataItems names of the Data items
     */
    public record Topic(String topic, OnvifEvent.Kind kind, boolean property, List<String> sourceItems,
            List<String> dataItems) {

        public Topic {
            sourceItems = List.copyOf(sourceItems);
            dataItems = List.copyOf(dataItems);
        }
    }

    /** Whether any announced topic is of this kind. */
    public boolean offers(OnvifEvent.Kind kind) {
        return topics.stream().anyMatch(t -> t.kind() == kind);
    }
}
