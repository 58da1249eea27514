package org.skynet.vms.core.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.server.Json;

/**
 * The coverage audit report over real HTTP, the whole server in demo mode on H2 with a controllable prober:
 * supervisors only; the live report lists the place whose camera is OFFLINE with that camera as its restorer, in
 * JSON, HTML, CSV and PDF (parsed back with PDFBox, and with pdftotext where installed); signing stores the
 * snapshot and writes an audit entry; a signed report keeps its figures after coverage changes; the daily
 * snapshot of today is in the trend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageReportApiIT {
    private static final Duration WAIT = CoverageReportServer.WAIT;

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private CoverageReportServer server;
    private ApiTestClient api;
    private String supervisor;

    @BeforeAll
    void start() throws Exception {
        server = new CoverageReportServer();
        api = server.api();
        supervisor = server.supervisor();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlySupervisorsAndAdminsSeeAndSignReports() throws Exception {
        for (String user : List.of("operator", "technician")) {
            String token = api.login(user);
            for (String path : List.of("/api/coverage/report", "/api/coverage/report.pdf", "/api/coverage/report.csv",
                    "/api/coverage/report.html", "/api/coverage/reports", "/api/coverage/trend")) {
                assertEquals(403, api.send("GET", path, token, null).statusCode(), user + " " + path);
            }
            assertEquals(403, api.send("POST", "/api/coverage/reports", token, "{}").statusCode(), user);
        }
        assertEquals(401, api.send("GET", "/api/coverage/report", null, null).statusCode());
        assertEquals(200, api.send("GET", "/api/coverage/report", api.login("admin"), null).statusCode());
    }

    @Test
    void liveReportInEveryFormatNamesTheOfflineCameraThatRestoresAPlace() throws Exception {
        JsonNode current = json(api.send("GET", "/api/coverage/report?mode=live", supervisor, null));
        JsonNode report = current.get("report");
        assertEquals("live", report.get("mode").textValue());
        assertEquals(1, report.get("city").get("placesCovered").intValue());
        assertEquals(3, report.get("city").get("placesTotal").intValue());
        assertEquals("east", report.get("districts").get(0).get("name").textValue());
        JsonNode r2 = report.get("shortfalls").get(0);
        assertEquals("r2", r2.get("placeId").textValue());
        JsonNode restorer = r2.get("restoringCameras").get(0);
        assertEquals("cam-r2", restorer.get("cameraId").textValue());
        assertEquals("OFFLINE", restorer.get("state").textValue());
        assertEquals(1.0, restorer.get("gapShare").doubleValue(), 1e-9);
        assertEquals("r3", report.get("shortfalls").get(1).get("placeId").textValue());
        assertTrue(report.get("shortfalls").get(1).get("restoringCameras").isEmpty());
        assertEquals(64, current.get("csvSha256").textValue().length());

        HttpResponse<String> csv = api.send("GET", "/api/coverage/report.csv?mode=live", supervisor, null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv; charset=utf-8"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"coverage-report-live-"));
        List<String> lines = csv.body().lines().toList();
        assertTrue(lines.get(0).startsWith("record,generated_at,mode,scope,key,"), lines.get(0));
        assertTrue(lines.get(1).matches("rate,[^,]+,live,city,,,,,1,3,0\\.333333,.*"), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.matches("camera,[^,]+,live,,r2,,,,,,,,,,cam-r2,OFFLINE,.*,1\\.000000,1\\.000000")),
                csv.body());

        HttpResponse<String> html = api.send("GET", "/api/coverage/report.html?mode=live", supervisor, null);
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("1 of 3 places covered (33.33 %)"), html.body());
        assertTrue(html.body().contains("data-place-id=\"r2\""));
        assertTrue(html.body().contains("cam-r2 OFFLINE: 100.00 % of the gap"));

        byte[] pdf = bytes("/api/coverage/report.pdf?mode=live");
        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"));
        String text = pdfText(pdf);
        assertTrue(text.contains("City rate: 1 of 3 places covered (33.33 %)"), text);
        assertTrue(text.contains("cam-r2 OFFLINE: 100.00 % of the gap"), text);
        pdftotext(pdf).ifPresent(t -> assertTrue(t.contains("1 of 3 places covered"), t));

        JsonNode designed = json(api.send("GET", "/api/coverage/report?mode=designed", supervisor, null)).get("report");
        assertEquals(2, designed.get("city").get("placesCovered").intValue());
        assertEquals(400, api.send("GET", "/api/coverage/report.csv?mode=sideways", supervisor, null).statusCode());
    }

    @Test
    void signOffStoresTheReviewedSnapshotAuditsItAndKeepsItsFigures() throws Exception {
        String reviewed = json(api.send("GET", "/api/coverage/report?mode=live", supervisor, null)).get("csvSha256").textValue();
        HttpResponse<String> signed = api.send("POST", "/api/coverage/reports", supervisor,
                "{\"mode\":\"live\",\"note\":\"weekly check\",\"csvSha256\":\"" + reviewed + "\"}");
        assertEquals(201, signed.statusCode(), signed.body());
        JsonNode signature = json(signed).get("signature");
        long id = signature.get("id").longValue();
        String sha = signature.get("csvSha256").textValue();
        assertEquals(reviewed, sha, "the very report that was shown is signed");
        HttpResponse<String> unknown = api.send("POST", "/api/coverage/reports", supervisor,
                "{\"csvSha256\":\"" + "0".repeat(64) + "\"}");
        assertEquals(409, unknown.statusCode(), unknown.body());
        assertEquals("csvSha256", json(unknown).get("error").get("field").textValue());
        assertEquals(400, api.send("POST", "/api/coverage/reports", supervisor,
                "{\"mode\":\"designed\",\"csvSha256\":\"" + reviewed + "\"}").statusCode(), "mode differs from the reviewed report");
        assertEquals(201, api.send("POST", "/api/coverage/reports", supervisor, null).statusCode(),
                "without a hash: the live report as it is now");
        assertEquals("supervisor", signature.get("signedBy").textValue());
        assertEquals("weekly check", signature.get("note").textValue());

        JsonNode audit = json(api.send("GET", "/api/audit?action=coverage.report.sign&target=coverage-report:" + id,
                supervisor, null)).get("items");
        assertEquals(1, audit.size(), audit.toString());
        JsonNode entry = audit.get(0);
        assertEquals("supervisor", entry.get("actor").textValue());
        assertTrue(entry.get("detail").textValue().contains("covered=1/3") && entry.get("detail").textValue().contains(sha),
                entry.toString());

        JsonNode list = json(api.send("GET", "/api/coverage/reports", supervisor, null)).get("items");
        assertEquals(id, list.get(1).get("signature").get("id").longValue(), "newest first");
        assertEquals(1, list.get(1).get("city").get("placesCovered").intValue());

        server.cameraUp("cam-r2", 2);
        HttpResponse<String> storedCsv = api.send("GET", "/api/coverage/reports/" + id + "/report.csv", supervisor, null);
        assertEquals(200, storedCsv.statusCode());
        assertEquals(sha, sha256(storedCsv.body().getBytes(StandardCharsets.UTF_8)), "the stored CSV is the signed one");
        assertTrue(storedCsv.body().lines().toList().get(1).contains(",1,3,0.333333,"));
        assertTrue(api.send("GET", "/api/coverage/report.csv", supervisor, null).body().lines().toList().get(1)
                .contains(",2,3,0.666667,"), "the current report has moved on");
        String storedHtml = api.send("GET", "/api/coverage/reports/" + id + "/report.html", supervisor, null).body();
        assertTrue(storedHtml.contains("Signed off by supervisor") && storedHtml.contains(sha), storedHtml);
        String storedPdf = pdfText(bytes("/api/coverage/reports/" + id + "/report.pdf"));
        assertTrue(storedPdf.contains("Signed off by supervisor") && storedPdf.contains("1 of 3 places covered"), storedPdf);
        assertEquals(id, json(api.send("GET", "/api/coverage/reports/" + id, supervisor, null))
                .get("signature").get("id").longValue());
        assertEquals(404, api.send("GET", "/api/coverage/reports/999999", supervisor, null).statusCode());
        assertEquals(404, api.send("GET", "/api/coverage/reports/abc/report.csv", supervisor, null).statusCode());
        HttpResponse<String> badNote = api.send("POST", "/api/coverage/reports", supervisor,
                "{\"note\":\"" + "x".repeat(501) + "\"}");
        assertEquals(400, badNote.statusCode());
        assertEquals("note", json(badNote).get("error").get("field").textValue());

        server.cameraDown("cam-r2", 1); // as the other tests expect
    }

    @Test
    void trendHasTodaysSnapshotForTheCityAndADistrict() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(Await.until(WAIT, () -> trend("").get("series").get("live").size() == 1), "today's snapshot taken");
        JsonNode city = trend("?from=" + today + "&to=" + today);
        for (String mode : List.of("live", "designed")) {
            JsonNode point = city.get("series").get(mode).get(0);
            assertEquals(today, point.get("day").textValue());
            assertEquals(3, point.get("placesTotal").intValue());
        }
        JsonNode east = trend("?district=east");
        assertEquals("east", east.get("district").textValue());
        assertEquals(2, east.get("series").get("designed").get(0).get("placesTotal").intValue());
        HttpResponse<String> bad = api.send("GET", "/api/coverage/trend?from=yesterday", supervisor, null);
        assertEquals(400, bad.statusCode());
        assertEquals("from", json(bad).get("error").get("field").textValue());
        assertEquals(400, api.send("GET", "/api/coverage/trend?from=2026-02-01&to=2026-01-01", supervisor, null).statusCode());
    }

    private JsonNode trend(String query) {
        try {
            HttpResponse<String> r = api.send("GET", "/api/coverage/trend" + query, supervisor, null);
            assertEquals(200, r.statusCode(), r.body());
            return json(r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A binary body (ApiTestClient reads text). */
    private byte[] bytes(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.app().port() + path))
                .header("Authorization", "Bearer " + supervisor).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        return r.body();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** The text by poppler's pdftotext, a second reader, when it is installed. */
    private static Optional<String> pdftotext(byte[] pdf) throws IOException, InterruptedException {
        if (!new File("/usr/bin/pdftotext").canExecute()) {
            return Optional.empty();
        }
        Path file = Files.createTempFile(data, "report", ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("/usr/bin/pdftotext", file.toString(), "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Optional.of(out);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }
}
