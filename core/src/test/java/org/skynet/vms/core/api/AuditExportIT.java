package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.audit.ExportVerifier;
import org.skynet.vms.core.audit.VerifyResult;

/** {@code GET /api/audit/export} over HTTP: supervisors get verifiable JSON lines, operators 403. */
class AuditExportIT {
    @Test
    void supervisorDownloadsAVerifiableExport() throws Exception {
        try (SecuredServer server = SecuredServer.start(Map.of())) {
            String supervisor = server.token("supervisor", "supervisor");
            HttpResponse<String> r = server.bearer(supervisor, "GET", "/api/audit/export", null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/x-ndjson"));
            assertTrue(r.headers().firstValue("content-disposition").orElse("").contains("attachment"));
            VerifyResult v = ExportVerifier.verify(new BufferedReader(new StringReader(r.body())));
            assertTrue(v.intact(), v.summary());
            assertTrue(v.entries() >= 5, "demo users' creation and the login: " + v.entries());

            assertEquals(403, server.bearer(server.token("operator", "operator"), "GET", "/api/audit/export", null).statusCode());
            HttpResponse<String> bad = server.bearer(supervisor, "GET", "/api/audit/export?from=yesterday", null);
            assertEquals(400, bad.statusCode());
            assertEquals("from", SecuredServer.json(bad).at("/error/field").asText());
            HttpResponse<String> audited = server.bearer(supervisor, "GET", "/api/audit?action=audit.export", null);
            assertEquals(1, SecuredServer.json(audited).get("items").size(), audited.body());
        }
    }
}
