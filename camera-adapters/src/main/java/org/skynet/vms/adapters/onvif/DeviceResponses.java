package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.DEVICE;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SCHEMA;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * Parsers for device management service answers (ONVIF Device Management, tds). Pure functions
 * from the response bytes to records; every failure is an {@link OnvifException} ({@code PROTOCOL},
 * or the fault's kind when the body is a fault). Documents over {@link OnvifXml#DEFAULT_MAX_BYTES}
 * are refused.
 */
public final class DeviceResponses {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceResponses.class);

    private DeviceResponses() {
    }

    /**
     * {@code GetDeviceInformationResponse}.
     *
     * @throws OnvifException {@code PROTOCOL} when both manufacturer and model are missing
     */
    public static DeviceInformation deviceInformation(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, DEVICE, "GetDeviceInformationResponse");
        DeviceInformation info = new DeviceInformation(text(r, "Manufacturer"), text(r, "Model"),
                text(r, "FirmwareVersion"), text(r, "SerialNumber"), text(r, "HardwareId"));
        if (info.manufacturer().isEmpty() && info.model().isEmpty()) {
            throw OnvifException.protocol("GetDeviceInformationResponse names neither manufacturer nor model");
        }
        return info;
    }

    /** {@code GetCapabilitiesResponse}; unparsable or missing XAddrs are left empty. */
    public static Capabilities capabilities(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, DEVICE, "GetCapabilitiesResponse");
        Element caps = OnvifXml.child(r, DEVICE, "Capabilities")
                .orElseThrow(() -> OnvifException.protocol("GetCapabilitiesResponse without Capabilities"));
        return new Capabilities(xaddr(caps, "Device"), xaddr(caps, "Media"), xaddr(caps, "Events"),
                xaddr(caps, "PTZ"), xaddr(caps, "Imaging"));
    }

    /**
     * {@code GetServicesResponse}.
     *
     * @throws OnvifException {@code PROTOCOL} when a service has no namespace or an XAddr that is
     *     not an absolute URI
     */
    public static List<ServiceInfo> services(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, DEVICE, "GetServicesResponse");
        List<ServiceInfo> out = new ArrayList<>();
        for (Element s : OnvifXml.children(r, DEVICE, "Service")) {
            String ns = OnvifXml.childText(s, DEVICE, "Namespace")
                    .orElseThrow(() -> OnvifException.protocol("GetServices: Service without Namespace"));
            URI xaddr = XsdValues.absoluteUri(OnvifXml.childText(s, DEVICE, "XAddr").orElse(""), "XAddr of " + ns);
            Optional<Element> version = OnvifXml.child(s, DEVICE, "Version");
            int major = XsdValues.intOrZero(version.flatMap(v -> OnvifXml.childText(v, SCHEMA, "Major")));
            int minor = XsdValues.intOrZero(version.flatMap(v -> OnvifXml.childText(v, SCHEMA, "Minor")));
            out.add(new ServiceInfo(ns, xaddr, major, minor));
        }
        if (out.isEmpty()) {
            throw OnvifException.protocol("GetServicesResponse lists no service");
        }
        return out;
    }

    /**
     * {@code GetSystemDateAndTimeResponse}.
     *
     * @throws OnvifException {@code PROTOCOL} when there is no valid {@code UTCDateTime}
     */
    public static SystemDateAndTime systemDateAndTime(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, DEVICE,
                "GetSystemDateAndTimeResponse");
        Element sdt = OnvifXml.child(r, DEVICE, "SystemDateAndTime")
                .orElseThrow(() -> OnvifException.protocol("GetSystemDateAndTimeResponse without SystemDateAndTime"));
        Element utc = OnvifXml.child(sdt, SCHEMA, "UTCDateTime")
                .orElseThrow(() -> OnvifException.protocol("SystemDateAndTime without UTCDateTime"));
        Element date = OnvifXml.child(utc, SCHEMA, "Date")
                .orElseThrow(() -> OnvifException.protocol("UTCDateTime without Date"));
        Element time = OnvifXml.child(utc, SCHEMA, "Time")
                .orElseThrow(() -> OnvifException.protocol("UTCDateTime without Time"));
        try {
            LocalDate d = LocalDate.of(number(date, "Year"), number(date, "Month"), number(date, "Day"));
            LocalTime t = LocalTime.of(number(time, "Hour"), number(time, "Minute"), number(time, "Second"));
            String tz = OnvifXml.child(sdt, SCHEMA, "TimeZone").flatMap(z -> OnvifXml.childText(z, SCHEMA, "TZ"))
                    .orElse("");
            return new SystemDateAndTime(d.atTime(t).toInstant(ZoneOffset.UTC),
                    OnvifXml.childText(sdt, SCHEMA, "DateTimeType").orElse(""),
                    OnvifXml.childText(sdt, SCHEMA, "DaylightSavings").map(XsdValues::bool).orElse(false), tz);
        } catch (DateTimeException e) {
            throw OnvifException.protocol("UTCDateTime is not a valid date and time: " + e.getMessage(), e);
        }
    }

    private static int number(Element parent, String localName) {
        String text = OnvifXml.childText(parent, SCHEMA, localName)
                .orElseThrow(() -> OnvifException.protocol("UTCDateTime without " + localName));
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw OnvifException.protocol("UTCDateTime " + localName + " is not a number: "
                    + XsdValues.abbreviate(text), e);
        }
    }

    private static String text(Element response, String localName) {
        return OnvifXml.childText(response, DEVICE, localName).orElse("");
    }

    private static Optional<URI> xaddr(Element caps, String category) {
        return OnvifXml.child(caps, SCHEMA, category)
                .flatMap(c -> OnvifXml.childText(c, SCHEMA, "XAddr"))
                .flatMap(DeviceResponses::lenientUri);
    }

    private static Optional<URI> lenientUri(String text) {
        try {
            return Optional.of(XsdValues.absoluteUri(text, "XAddr"));
        } catch (OnvifException e) {
            // An XAddr we cannot use is as good as none; the caller falls back to the device URL.
            LOG.debug("ignoring unusable XAddr: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
