package org.skynet.vms.adapters.onvif;

/**
 * {@code tds:GetDeviceInformationResponse}. Fields a device left out are empty strings.
 *
 * @param manufacturer e.g. {@code HIKVISION}, {@code AXIS}
 * @param model e.g. {@code DS-2CD2012-I}
 * @param firmwareVersion the firmware version string as the device reports it
 * @param serialNumber the serial number
 * @param hardwareId the hardware id
 */
public record DeviceInformation(String manufacturer, String model, String firmwareVersion, String serialNumber,
        String hardwareId) {
}
