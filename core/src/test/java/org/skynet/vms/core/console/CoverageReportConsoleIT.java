package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.places.CoverageReportServer;
import org.skynet.vms.core.server.Json;

/**
 * The Coverage report page in headless Chromium: a supervisor sees the same city rate as the API, the place whose
 * camera is OFFLINE with that camera as its restorer, signs the report off and sees it listed, with today's point
 * on the trend chart; an operator has no nav entry. Screenshots are kept in target/screenshots.
 */
class CoverageReportConsoleIT {
    @AutoClose
    private static CoverageReportServer server;
    @AutoClose
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = new CoverageReportServer();
        base = "http://127.0.0.1:" + server.app().port() + "/";
    }

    @Test
    void supervisorSignsOffTheReportAndSeesItListed() throws Exception {
        assertTrue(Await.until(CoverageReportServer.WAIT, () -> trendPoints() == 2), "today's snapshot in both modes");
        JsonNode api = Json.MAPPER.readTree(server.api().send("GET", "/api/coverage?mode=live", server.supervisor(), null)
                .body());
        String apiRate = String.format(Locale.ROOT, "%.2f %%", api.get("rate").doubleValue() * 100);

        browser.signIn(base, "supervisor", "[data-testid='main-nav']");
        browser.click("nav-coverage-report");
        browser.waitFor("[data-testid='coverage-report-view'][data-state='ready']");
        assertEquals(apiRate, browser.byTestId("coverage-report-city-rate").getText(), "the page shows the API's rate");
        WebElement r2 = browser.waitFor("[data-testid='shortfall-row'][data-place-id='r2']");
        WebElement restorer = r2.findElement(By.cssSelector("[data-testid='restoring-camera']"));
        assertEquals("cam-r2", restorer.getAttribute("data-camera-id"));
        assertTrue(restorer.getText().contains("OFFLINE"), restorer.getText());
        assertTrue(browser.byTestId("coverage-report-html").getAttribute("href").endsWith("/api/coverage/report.html?mode=live"));
        browser.screenshot("coverage-report-page");
        WebElement chart = browser.waitFor("[data-testid='trend-chart'] circle[data-mode='live']");
        browser.driver().executeScript("arguments[0].scrollIntoView()", chart);
        browser.screenshot("coverage-report-trend");

        browser.type("coverage-report-note", "night shift check");
        browser.click("coverage-report-sign");
        String notice = browser.byTestId("coverage-report-signed").getText();
        assertTrue(notice.contains("signed off by supervisor"), notice);
        JsonNode signed = Json.MAPPER.readTree(server.api().send("GET", "/api/coverage/reports", server.supervisor(), null)
                .body()).get("items").get(0).get("signature");
        String id = signed.get("id").asText();
        assertTrue(notice.startsWith("Report " + id + " "), notice);
        WebElement listed = browser.waitFor("[data-testid='signed-report-row'][data-report-id='" + id + "']");
        assertTrue(listed.getText().contains("supervisor") && listed.getText().contains("live"), listed.getText());
        assertTrue(listed.getText().contains(signed.get("csvSha256").textValue().substring(0, 16)), listed.getText());
        browser.screenshot("coverage-report-signed");

        browser.driver().navigate().refresh();
        browser.waitFor("[data-testid='signed-report-row'][data-report-id='" + id + "']");

        browser.open(base + "api/coverage/reports/" + id + "/report.html");
        assertEquals("1 of 3 places covered (33.33 %)", browser.byTestId("report-city-rate").getText());
        assertTrue(browser.byTestId("report-signature").getText().contains("Signed off by supervisor"));
        assertEquals("collapse", browser.driver().executeScript(
                "return getComputedStyle(document.querySelector('table')).borderCollapse"),
                "the print stylesheet loads under the server's CSP");
        browser.screenshot("coverage-report-printable");
        browser.open(base + "#/coverage-report");
        browser.waitFor("[data-testid='coverage-report-view'][data-state='ready']");
        browser.click("logout-button");
        browser.submitLogin("operator", "operator");
        browser.waitFor("[data-testid='dashboard-view']");
        assertTrue(browser.allByTestId("nav-coverage-report").stream().noneMatch(WebElement::isDisplayed),
                "operators get no Coverage report entry");
    }

    private static int trendPoints() {
        try {
            JsonNode series = Json.MAPPER.readTree(server.api().send("GET", "/api/coverage/trend", server.supervisor(), null)
                    .body()).get("series");
            int n = 0;
            for (String mode : List.of("live", "designed")) {
                n += series.get(mode).size();
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
