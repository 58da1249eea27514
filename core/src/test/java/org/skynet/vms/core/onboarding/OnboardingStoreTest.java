package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.skynet.vms.core.db.TestDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** The last report per camera, on H2 and PostgreSQL: save, replace, read back, none. */
class OnboardingStoreTest {
    private static final Instant T1 = Instant.parse("2026-11-26T06:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-26T07:00:00Z");

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void keepsTheLastReportPerCamera(TestDatabase db) throws Exception {
        OnboardingStore store = new OnboardingStore(db.jdbc());
        assertTrue(store.find("cam-1").isEmpty());

        store.save("cam-1", report("FAIL", 640), T1, "tech");
        StoredOnboarding first = store.find("cam-1").orElseThrow();
        assertEquals("FAIL", first.verdict());
        assertEquals(T1, first.at());
        assertEquals("tech", first.actor());

        store.save("cam-1", report("PASS", 1920), T2, "tech2");
        store.save("cam-2", report("PASS", 1920), T2, null);
        StoredOnboarding last = store.find("cam-1").orElseThrow();
        assertEquals("PASS", last.verdict());
        assertEquals(T2, last.at());
        JsonNode doc = Json.MAPPER.readTree(last.reportJson());
        assertEquals(1920, doc.get("stream").get("width").intValue());
        assertEquals("resolution", doc.get("checks").get(0).get("name").textValue());
        assertFalse(store.find("cam-3").isPresent());
        assertEquals("PASS", store.find("cam-2").orElseThrow().verdict());
    }

    @ParameterizedTest
    @ArgumentsSource(TestDatabases.class)
    void refusesABadCameraId(TestDatabase db) {
        OnboardingStore store = new OnboardingStore(db.jdbc());
        VmsException e = assertThrows(VmsException.class, () -> store.save("x".repeat(65), report("PASS", 1920), T1, null));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
    }

    private static OnboardingReport report(String verdict, int width) {
        CheckStatus status = "PASS".equals(verdict) ? CheckStatus.PASS : CheckStatus.FAIL;
        return new OnboardingReport(verdict, List.of(new CheckResult("resolution", status, "the main stream is " + width)),
                null, List.of(), new OnboardingReport.Stream("h264", width, width * 9 / 16, 25, 125), 0.5,
                new OnboardingReport.Snapshot(true, 120, 60));
    }
}
