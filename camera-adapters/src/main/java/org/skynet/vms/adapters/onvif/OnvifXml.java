package org.skynet.vms.adapters.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened, namespace-aware XML parsing for what cameras send, plus element lookups by namespace
 * URI and local name (prefixes are ignored: vendors choose their own).
 *
 * <p>A camera is untrusted input. The parser refuses any DOCTYPE (so no entity of any kind, no
 * external DTD, no "billion laughs"), never opens a URL or file, runs with
 * {@link XMLConstants#FEATURE_SECURE_PROCESSING} and JDK limits on entity expansion and element
 * depth, and refuses input over a size limit ({@link #DEFAULT_MAX_BYTES} unless told). Every
 * failure is an {@link OnvifException} of kind {@code PROTOCOL}, never a parser exception.
 *
 * <p>Thread-safe: each thread keeps its own {@link DocumentBuilder}.
 */
public final class OnvifXml {
    /** Default largest document accepted: 1 MiB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final int MAX_ELEMENT_DEPTH = 64;
    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(OnvifXml::newBuilder);

    private OnvifXml() {
    }

    /** Parses at most {@link #DEFAULT_MAX_BYTES}. */
    public static Document parse(byte[] xml) {
        return parse(xml, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses a whole document.
     *
     * @throws OnvifException kind {@code PROTOCOL} when the input is larger than {@code maxBytes},
     *     not well-formed, not namespace-well-formed, or has a DOCTYPE
     */
    public static Document parse(byte[] xml, int maxBytes) {
        if (xml.length > maxBytes) {
            throw OnvifException.protocol("XML document of " + xml.length + " bytes is over the limit of "
                    + maxBytes + " bytes");
        }
        DocumentBuilder builder = BUILDER.get();
        builder.setEntityResolver(StrictHandler.INSTANCE);
        builder.setErrorHandler(StrictHandler.INSTANCE);
        try {
            InputSource source = new InputSource(new ByteArrayInputStream(xml));
            return builder.parse(source);
        } catch (SAXParseException e) {
            throw OnvifException.protocol("malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw OnvifException.protocol("malformed XML: " + e.getMessage(), e);
        } finally {
            builder.reset();
        }
    }

    /** The first child element of {@code parent} with this namespace and local name. */
    public static Optional<Element> child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (matches(n, namespace, localName)) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    /** All child elements of {@code parent} with this namespace and local name, in document order. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (matches(n, namespace, localName)) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** All child elements of {@code parent}, whatever their name. */
    public static List<Element> childElements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** The first element below {@code root} (depth first, document order) with this name. */
    public static Optional<Element> descendant(Element root, String namespace, String localName) {
        var list = root.getElementsByTagNameNS(namespace, localName);
        return list.getLength() == 0 ? Optional.empty() : Optional.of((Element) list.item(0));
    }

    /** Every element below {@code root} with this name, in document order. */
    public static List<Element> descendants(Element root, String namespace, String localName) {
        var list = root.getElementsByTagNameNS(namespace, localName);
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The element's text content with surrounding whitespace removed. */
    public static String text(Element element) {
        return element.getTextContent().strip();
    }

    /** The trimmed text of the first matching child, if there is one and it is not blank. */
    public static Optional<String> childText(Element parent, String namespace, String localName) {
        return child(parent, namespace, localName).map(OnvifXml::text).filter(s -> !s.isEmpty());
    }

    /** The value of an unqualified attribute, if present and not blank. */
    public static Optional<String> attribute(Element element, String localName) {
        String value = element.getAttribute(localName);
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Whether the element has exactly this namespace URI and local name. */
    public static boolean is(Element element, String namespace, String localName) {
        return matches(element, namespace, localName);
    }

    private static boolean matches(Node n, String namespace, String localName) {
        return n.getNodeType() == Node.ELEMENT_NODE
                && localName.equals(n.getLocalName())
                && namespace.equals(n.getNamespaceURI());
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // With DOCTYPEs refused no entity can be declared; the limits are a second line (0 means
            // "no limit" to the JDK, so small positive values are used).
            f.setAttribute("jdk.xml.entityExpansionLimit", "16");
            f.setAttribute("jdk.xml.maxGeneralEntitySizeLimit", "1024");
            f.setAttribute("jdk.xml.totalEntitySizeLimit", "4096");
            f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("JDK XML parser lacks a required hardening feature", e);
        }
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create a hardened XML parser", e);
        }
    }

    /** Installed before every parse because {@link DocumentBuilder#reset()} removes it. */
    private static final class StrictHandler implements ErrorHandler, EntityResolver {
        static final StrictHandler INSTANCE = new StrictHandler();

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            throw new SAXException("external entity refused: " + systemId);
        }

        @Override
        public void warning(SAXParseException e) {
            // A warning (e.g. an unusual encoding label) does not make a document unusable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
