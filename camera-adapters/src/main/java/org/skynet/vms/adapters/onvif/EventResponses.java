package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.EVENTS;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SCHEMA;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.WSNT;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Parsers for event service answers (ONVIF Event Handling: PullPoint subscription, WS-BaseNotification
 * Renew). Pure functions from response bytes to records.
 */
public final class EventResponses {
    private static final int MAX_MESSAGES = 10_000;
    /** Most topics read from a GetEventPropertiesResponse; real devices list a few dozen. */
    public static final int MAX_TOPICS = 2_000;

    private EventResponses() {
    }

    /**
     * {@code CreatePullPointSubscriptionResponse}.
     *
     * @throws OnvifException {@code PROTOCOL} when the subscription reference has no usable address
     */
    public static PullPointSubscription pullPointSubscription(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, EVENTS,
                "CreatePullPointSubscriptionResponse");
        Element ref = OnvifXml.child(r, EVENTS, "SubscriptionReference")
                .orElseThrow(() -> OnvifException.protocol("CreatePullPointSubscriptionResponse without "
                        + "SubscriptionReference"));
        String address = addressOf(ref)
                .orElseThrow(() -> OnvifException.protocol("SubscriptionReference without Address"));
        URI uri = XsdValues.absoluteUri(address, "subscription address");
        return new PullPointSubscription(uri, ReferenceParameters.of(ref), time(r, WSNT, "CurrentTime"),
                time(r, WSNT, "TerminationTime"));
    }

    /**
     * {@code GetEventPropertiesResponse}: the topics the device can send, with their Source and Data item
     * names (at most {@link #MAX_TOPICS} are read).
     */
    public static EventProperties eventProperties(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, EVENTS, "GetEventPropertiesResponse");
        boolean fixed = OnvifXml.childText(r, WSNT, "FixedTopicSet").map(XsdValues::bool).orElse(false);
        List<EventProperties.Topic> topics = new ArrayList<>();
        OnvifXml.child(r, OnvifNamespaces.WSTOP, "TopicSet").ifPresent(set -> {
            for (Element root : OnvifXml.childElements(set)) {
                collectTopics(root, rootSegment(root), root.getNamespaceURI(), topics);
            }
        });
        return new EventProperties(fixed, topics);
    }

    /** {@code PullMessagesResponse} with its notifications (at most 10,000 are read). */
    public static PullMessagesResponse pullMessages(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, EVENTS, "PullMessagesResponse");
        List<OnvifEvent> messages = new ArrayList<>();
        for (Element n : OnvifXml.children(r, WSNT, "NotificationMessage")) {
            if (messages.size() == MAX_MESSAGES) {
                break;
            }
            messages.add(notification(n));
        }
        return new PullMessagesResponse(time(r, EVENTS, "CurrentTime"), time(r, EVENTS, "TerminationTime"),
                messages);
    }

    /**
     * {@code wsnt:RenewResponse}: the new termination time.
     *
     * @throws OnvifException {@code PROTOCOL} when no termination time is given
     */
    public static Instant renew(byte[] xml) {
        Element r = SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, WSNT, "RenewResponse");
        return time(r, WSNT, "TerminationTime")
                .orElseThrow(() -> OnvifException.protocol("RenewResponse without TerminationTime"));
    }

    /** {@code wsnt:UnsubscribeResponse}: only checks that it is one. */
    public static void unsubscribe(byte[] xml) {
        SoapEnvelope.openResponse(xml, OnvifXml.DEFAULT_MAX_BYTES, WSNT, "UnsubscribeResponse");
    }

    private static void collectTopics(Element node, String path, String rootNamespace,
            List<EventProperties.Topic> out) {
        for (Element child : OnvifXml.childElements(node)) {
            if (out.size() == MAX_TOPICS) {
                return;
            }
            if (OnvifXml.is(child, SCHEMA, "MessageDescription")) {
                out.add(new EventProperties.Topic(path, OnvifEvent.Kind.of(path),
                        OnvifXml.attribute(child, "IsProperty").map(XsdValues::bool).orElse(false),
                        itemNames(child, "Source"), itemNames(child, "Data")));
            } else {
                collectTopics(child, path + "/" + segment(child, rootNamespace), rootNamespace, out);
            }
        }
    }

    /** The first topic segment, with the ONVIF topic namespace written as {@code tns1}. */
    private static String rootSegment(Element root) {
        if (OnvifNamespaces.TOPICS.equals(root.getNamespaceURI())) {
            return "tns1:" + root.getLocalName();
        }
        return root.getPrefix() == null ? root.getLocalName() : root.getPrefix() + ":" + root.getLocalName();
    }

    /** A lower segment: its local name, prefixed when a vendor namespace sits inside an ONVIF topic. */
    private static String segment(Element e, String rootNamespace) {
        String ns = e.getNamespaceURI();
        boolean vendor = ns != null && !ns.equals(rootNamespace) && e.getPrefix() != null;
        return vendor ? e.getPrefix() + ":" + e.getLocalName() : e.getLocalName();
    }

    private static List<String> itemNames(Element description, String part) {
        List<String> names = new ArrayList<>();
        OnvifXml.child(description, SCHEMA, part).ifPresent(p -> {
            for (Element item : OnvifXml.childElements(p)) {
                OnvifXml.attribute(item, "Name").ifPresent(names::add);
            }
        });
        return names;
    }

    private static OnvifEvent notification(Element n) {
        String topic = OnvifXml.child(n, WSNT, "Topic").map(EventResponses::topic)
                .orElseThrow(() -> OnvifException.protocol("NotificationMessage without Topic"));
        Element message = OnvifXml.child(n, WSNT, "Message")
                .flatMap(m -> OnvifXml.child(m, SCHEMA, "Message"))
                .orElseThrow(() -> OnvifException.protocol("NotificationMessage " + topic + " without tt:Message"));
        return OnvifEvent.of(topic,
                OnvifXml.attribute(message, "UtcTime").flatMap(XsdValues::dateTime),
                OnvifXml.attribute(message, "PropertyOperation").orElse(""),
                simpleItems(message, "Source"), simpleItems(message, "Data"));
    }

    /** The topic text with its first prefix rewritten to {@code tns1} when it names the ONVIF topic namespace. */
    private static String topic(Element topic) {
        String text = OnvifXml.text(topic);
        int colon = text.indexOf(':');
        int slash = text.indexOf('/');
        if (colon > 0 && (slash < 0 || colon < slash)) {
            String ns = topic.lookupNamespaceURI(text.substring(0, colon));
            if (OnvifNamespaces.TOPICS.equals(ns)) {
                return "tns1" + text.substring(colon);
            }
        }
        return text;
    }

    private static Map<String, String> simpleItems(Element message, String part) {
        Map<String, String> out = new LinkedHashMap<>();
        OnvifXml.child(message, SCHEMA, part).ifPresent(p -> {
            for (Element item : OnvifXml.children(p, SCHEMA, "SimpleItem")) {
                OnvifXml.attribute(item, "Name").ifPresent(name ->
                        out.put(name, item.getAttribute("Value")));
            }
        });
        return out;
    }

    private static Optional<String> addressOf(Element endpointReference) {
        // WS-Addressing 1.0 per the ONVIF spec; older firmwares still use the 2004/08 submission.
        return OnvifXml.childText(endpointReference, OnvifNamespaces.WSA, "Address")
                .or(() -> OnvifXml.childText(endpointReference, OnvifNamespaces.WSA_2004, "Address"));
    }

    private static Optional<Instant> time(Element parent, String namespace, String localName) {
        return OnvifXml.childText(parent, namespace, localName).flatMap(XsdValues::dateTime);
    }
}
