package org.skynet.vms.adapters.onvif;

import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SOAP11;
import static org.skynet.vms.adapters.onvif.OnvifNamespaces.SOAP12;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Element;

/**
 * A SOAP fault sent by the device, with the fault code and the chain of subcodes kept by local
 * name (ONVIF core spec §5.11.2: {@code env:Sender / ter:NotAuthorized},
 * {@code env:Receiver / ter:ActionNotSupported}, ...).
 *
 * <p>The kind follows the most specific subcode: {@code NotAuthorized} is
 * {@link ErrorKind#AUTH_FAILED}, {@code ActionNotSupported} is {@link ErrorKind#UNSUPPORTED}, any
 * other fault is {@link ErrorKind#PROTOCOL}.
 */
public final class OnvifFault extends OnvifException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final List<String> subcodes;
    private final String reason;

    public OnvifFault(String code, List<String> subcodes, String reason) {
        this("", code, subcodes, reason);
    }

    private OnvifFault(String context, String code, List<String> subcodes, String reason) {
        super(kindOf(subcodes), context + describe(code, subcodes, reason));
        this.code = code;
        this.subcodes = List.copyOf(subcodes);
        this.reason = reason;
    }

    /** The top-level fault code's local name, e.g. {@code Sender}, {@code Receiver}. */
    public String code() {
        return code;
    }

    /** The subcodes' local names, outermost first, e.g. {@code [InvalidArgVal, NoProfile]}. */
    public List<String> subcodes() {
        return subcodes;
    }

    /** The human-readable reason the device gave; may be empty. */
    public String reason() {
        return reason;
    }

    /** The same fault with a prefix saying which call on which device got it. */
    public OnvifFault withContext(String context) {
        return new OnvifFault(context + ": ", code, subcodes, reason);
    }

    /** Whether one of the subcodes has this local name. */
    public boolean hasSubcode(String localName) {
        return subcodes.contains(localName);
    }

    /**
     * Reads a {@code Fault} element of SOAP 1.2 ({@code Code/Value}, {@code Subcode/Value},
     * {@code Reason/Text}) or SOAP 1.1 ({@code faultcode}, {@code faultstring}).
     */
    public static OnvifFault from(Element fault) {
        if (SOAP11.equals(fault.getNamespaceURI())) {
            String code = unqualifiedChildText(fault, "faultcode").orElse("");
            String reason = unqualifiedChildText(fault, "faultstring").orElse("");
            return new OnvifFault(localPart(code), List.of(), reason);
        }
        Optional<Element> codeElement = OnvifXml.child(fault, SOAP12, "Code");
        String code = codeElement.flatMap(c -> OnvifXml.childText(c, SOAP12, "Value")).map(OnvifFault::localPart)
                .orElse("");
        List<String> subcodes = new ArrayList<>();
        Optional<Element> sub = codeElement.flatMap(c -> OnvifXml.child(c, SOAP12, "Subcode"));
        while (sub.isPresent() && subcodes.size() < 8) {
            OnvifXml.childText(sub.get(), SOAP12, "Value").map(OnvifFault::localPart).ifPresent(subcodes::add);
            sub = OnvifXml.child(sub.get(), SOAP12, "Subcode");
        }
        String reason = OnvifXml.child(fault, SOAP12, "Reason")
                .flatMap(r -> OnvifXml.childText(r, SOAP12, "Text")).orElse("");
        return new OnvifFault(code, subcodes, reason);
    }

    private static Optional<String> unqualifiedChildText(Element parent, String localName) {
        // SOAP 1.1 fault children are unqualified, but some stacks put them in the envelope namespace.
        return OnvifXml.childElements(parent).stream()
                .filter(e -> localName.equals(e.getLocalName()))
                .map(OnvifXml::text)
                .findFirst();
    }

    private static String localPart(String qname) {
        int colon = qname.lastIndexOf(':');
        return colon < 0 ? qname.strip() : qname.substring(colon + 1).strip();
    }

    private static ErrorKind kindOf(List<String> subcodes) {
        if (subcodes.contains("NotAuthorized")) {
            return ErrorKind.AUTH_FAILED;
        }
        if (subcodes.contains("ActionNotSupported")) {
            return ErrorKind.UNSUPPORTED;
        }
        return ErrorKind.PROTOCOL;
    }

    private static String describe(String code, List<String> subcodes, String reason) {
        StringBuilder sb = new StringBuilder("SOAP fault ").append(code.isEmpty() ? "(no code)" : code);
        for (String s : subcodes) {
            sb.append('/').append(s);
        }
        if (!reason.isEmpty()) {
            sb.append(": ").append(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        }
        return sb.toString();
    }
}
