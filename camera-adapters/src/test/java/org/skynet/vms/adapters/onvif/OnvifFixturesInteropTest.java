package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.skynet.vms.adapters.onvif.discovery.ProbeMatch;
import org.skynet.vms.adapters.onvif.discovery.WsDiscoveryMessages;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Element;

/**
 * Runs every captured message in the shared ONVIF fixture folder (see its SOURCES.md and
 * MANIFEST.tsv) through the matching parser, in place: well-formed answers must yield what a
 * person reading them finds, faults a typed {@link OnvifFault}, broken files a {@code PROTOCOL}
 * error, and other clients' requests must show their operation and a complete UsernameToken. Found at {@code ../shared/onvif-fixtures} above the project, or at
 * {@code $VMS_ONVIF_FIXTURES}; skipped when absent, except under {@code CI=true}.
 */
class OnvifFixturesInteropTest {
    private static final Map<String, AtomicInteger> PASSED = new ConcurrentHashMap<>();
    private static final AtomicInteger GENERATED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> everyCapturedMessage() throws IOException {
        Path root = fixtures();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> manifest = Files.readAllLines(root.resolve("MANIFEST.tsv"));
        for (String line : manifest.subList(1, manifest.size())) {
            String[] f = line.split("\t", -1);
            Entry e = new Entry(f[0], f[2], f[4], f[5], f[6].equals("yes"), f.length > 7 ? f[7] : "");
            GENERATED.incrementAndGet();
            tests.add(DynamicTest.dynamicTest(e.kind() + " " + e.operation() + " " + e.path(), () -> {
                check(e, Files.readAllBytes(root.resolve(e.path())));
                PASSED.computeIfAbsent(label(e), k -> new AtomicInteger()).incrementAndGet();
            }));
        }
        return tests.stream();
    }

    @AfterAll
    static void printCounts() {
        if (GENERATED.get() == 0) {
            return;
        }
        Map<String, AtomicInteger> sorted = new TreeMap<>(PASSED);
        int total = sorted.values().stream().mapToInt(AtomicInteger::get).sum();
        StringBuilder sb = new StringBuilder("ONVIF fixture interop: " + total + " of " + GENERATED.get()
                + " messages passed\n");
        sorted.forEach((op, n) -> sb.append(String.format("  %-40s %4d%n", op, n.get())));
        System.out.print(sb);
        assertTrue(PASSED.getOrDefault("GetProfiles", new AtomicInteger()).get() >= 15, "profiles checked");
        assertTrue(PASSED.getOrDefault("GetDeviceInformation", new AtomicInteger()).get() >= 10, "device infos checked");
        assertTrue(PASSED.getOrDefault("fault", new AtomicInteger()).get() >= 100, "faults checked");
        assertTrue(PASSED.getOrDefault("request", new AtomicInteger()).get() >= 300, "requests checked");
    }

    private static void check(Entry e, byte[] xml) {
        if (!e.wellFormed()) {
            checkBroken(e, xml);
            return;
        }
        if (e.notes().contains("doT-template")) {
            // agsh templates: well-formed, but a placeholder may sit where we read a URI or a time.
            try {
                checkWellFormed(e, xml);
            } catch (OnvifException placeholder) {
                assertEquals(ErrorKind.PROTOCOL, placeholder.kind(), placeholder.getMessage());
            }
            return;
        }
        checkWellFormed(e, xml);
    }

    private static void checkWellFormed(Entry e, byte[] xml) {
        if (e.kind().equals("request")) {
            checkRequest(e, xml);
            return;
        }
        if (e.kind().equals("fault")) {
            OnvifFault fault = assertThrows(OnvifFault.class, () -> SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES));
            assertFalse(fault.code().isEmpty(), "fault code");
            assertNotNull(fault.kind());
            return;
        }
        if (isRequest(xml, e.operation())) {
            // Filed as a response, but the capture is the request (easy-onvif SUNBA.405 GetStreamUri.xml,
            // IPD-H4K8M05-BS DeleteUsersResponse.xml): a typed parser must refuse it as PROTOCOL.
            checkBroken(e, xml);
            return;
        }
        switch (e.operation()) {
            case "GetDeviceInformation" -> {
                DeviceInformation info = DeviceResponses.deviceInformation(xml);
                // IPD-H4K8M05-BS sends an empty Manufacturer; the model is always there.
                assertFalse(info.model().isEmpty(), "model");
            }
            case "GetCapabilities" -> {
                Capabilities caps = DeviceResponses.capabilities(xml);
                assertTrue(caps.device().isPresent() || caps.media().isPresent(), "device or media XAddr");
            }
            case "GetServices" -> {
                List<ServiceInfo> services = DeviceResponses.services(xml);
                assertTrue(ServiceInfo.find(services, OnvifNamespaces.DEVICE).isPresent(), "device service listed");
            }
            case "GetSystemDateAndTime" -> {
                SystemDateAndTime sdt = DeviceResponses.systemDateAndTime(xml);
                assertTrue(sdt.utc().isAfter(Instant.parse("2000-01-01T00:00:00Z")), "plausible UTC " + sdt.utc());
            }
            case "GetProfiles", "GetProfile" -> {
                List<Profile> profiles = MediaResponses.profiles(xml);
                assertFalse(profiles.isEmpty());
                for (Profile p : profiles) {
                    assertFalse(p.token().isEmpty(), "token");
                    // Lorex sends VideoEncoderConfigurations with only Name and UseCount.
                    p.videoEncoder().ifPresent(v -> assertFalse(v.token().isEmpty(), "encoder token of " + p.token()));
                }
            }
            case "GetVideoEncoderConfigurations" -> {
                List<VideoEncoderConfiguration> configs = MediaResponses.videoEncoderConfigurations(xml);
                assertFalse(configs.isEmpty(), "at least one configuration");
                configs.forEach(c -> assertTrue(c.width() > 0 && c.height() > 0, "resolution of " + c.token()));
            }
            case "GetStreamUri" -> assertUri(MediaResponses.mediaUri(xml).uri(), "rtsp", "http");
            case "GetSnapshotUri" -> assertUri(MediaResponses.mediaUri(xml).uri(), "http", "https");
            case "CreatePullPointSubscription" ->
                    assertUri(EventResponses.pullPointSubscription(xml).address(), "http", "https");
            case "PullMessages" -> EventResponses.pullMessages(xml).messages()
                    .forEach(m -> assertFalse(m.topic().isEmpty(), "topic"));
            case "Unsubscribe" -> EventResponses.unsubscribe(xml);
            case "ProbeMatches" -> {
                List<ProbeMatch> matches = WsDiscoveryMessages.probeMatches(xml).matches();
                assertFalse(matches.isEmpty(), "matches");
                matches.forEach(m -> assertFalse(m.types().isEmpty(), "types"));
            }
            default -> {
                Element body = SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES);
                assertTrue(body.getLocalName().endsWith("Response"), "a response element: " + body.getLocalName());
            }
        }
    }

    /** What another client sent: the operation in the body and, where present, a complete UsernameToken. */
    private static void checkRequest(Entry e, byte[] xml) {
        Element body = SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES);
        assertEquals(e.operation(), body.getLocalName());
        Element envelope = body.getOwnerDocument().getDocumentElement();
        OnvifXml.descendant(envelope, OnvifNamespaces.WSSE, "UsernameToken").ifPresent(token -> {
            assertFalse(OnvifXml.childText(token, OnvifNamespaces.WSSE, "Username").orElse("").isEmpty(), "Username");
            String digest = OnvifXml.childText(token, OnvifNamespaces.WSSE, "Password").orElseThrow();
            assertEquals(20, Base64.getDecoder().decode(digest).length, "SHA-1 PasswordDigest");
            Base64.getDecoder().decode(OnvifXml.childText(token, OnvifNamespaces.WSSE, "Nonce").orElseThrow());
            // onvif-nvt pretty-printed these files, so Created carries whitespace; it must still read as a time.
            String created = OnvifXml.childText(token, OnvifNamespaces.WSU, "Created").orElseThrow();
            assertTrue(XsdValues.dateTime(created).isPresent(), created);
        });
    }

    private static boolean isRequest(byte[] xml, String operation) {
        // ProbeMatches is the one answer not named <Operation>Response.
        return !operation.equals("ProbeMatches")
                && SoapEnvelope.openBody(xml, OnvifXml.DEFAULT_MAX_BYTES).getLocalName().equals(operation);
    }

    private static void checkBroken(Entry e, byte[] xml) {
        Consumer<byte[]> parser = switch (e.operation()) {
            case "GetProfiles" -> MediaResponses::profiles;
            case "GetSnapshotUri", "GetStreamUri" -> MediaResponses::mediaUri;
            case "DeleteUsers" -> x -> {
                throw OnvifException.protocol("not a response: " + SoapEnvelope.openBody(x, OnvifXml.DEFAULT_MAX_BYTES)
                        .getLocalName());
            };
            case "PullMessages" -> EventResponses::pullMessages;
            case "CreatePullPointSubscription" -> EventResponses::pullPointSubscription;
            default -> x -> SoapEnvelope.openBody(x, OnvifXml.DEFAULT_MAX_BYTES);
        };
        OnvifException error = assertThrows(OnvifException.class, () -> parser.accept(xml));
        assertEquals(ErrorKind.PROTOCOL, error.kind(), error.getMessage());
        assertFalse(error instanceof OnvifFault, "a broken file is not a fault: " + error.getMessage());
    }

    private static void assertUri(URI uri, String... schemes) {
        assertTrue(List.of(schemes).contains(uri.getScheme().toLowerCase()), "scheme of " + uri);
        assertNotNull(uri.getHost(), "host of " + uri);
    }

    private static String label(Entry e) {
        if (e.kind().equals("fault") || e.kind().equals("request")) {
            return e.kind();
        }
        return e.wellFormed() ? e.operation() : "broken (PROTOCOL)";
    }

    static Path fixtures() {
        String env = System.getenv("VMS_ONVIF_FIXTURES");
        Optional<Path> found = env != null && !env.isBlank() ? Optional.of(Path.of(env)) : Optional.empty();
        for (Path p = Path.of("").toAbsolutePath(); found.isEmpty() && p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("onvif-fixtures");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) {
                found = Optional.of(candidate);
            }
        }
        if (found.isEmpty() || !Files.isRegularFile(found.get().resolve("MANIFEST.tsv"))) {
            String message = "ONVIF fixture folder not found (../shared/onvif-fixtures above the project, "
                    + "or $VMS_ONVIF_FIXTURES)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    private record Entry(String path, String device, String operation, String kind, boolean wellFormed,
            String notes) {
    }
}
