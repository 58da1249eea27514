package org.skynet.vms.core.alarms;

/**
 * What happened to an alarm, for the live push: {@code alarm} (raised, or a storm that grew),
 * {@code alarm.acknowledged} or {@code alarm.cleared}, with the alarm after the change.
 */
public record AlarmEvent(String type, Alarm alarm) {
    public static final String RAISED = "alarm";
    public static final String ACKNOWLEDGED = "alarm.acknowledged";
    public static final String CLEARED = "alarm.cleared";
}
