package org.skynet.vms.core.alarms;

/** Where an alarm is in its life: open until acknowledged or cleared; cleared wins over acknowledged. */
public enum AlarmStatus {
    OPEN,
    ACKNOWLEDGED,
    CLEARED
}
