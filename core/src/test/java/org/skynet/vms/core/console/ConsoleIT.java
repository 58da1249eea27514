package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.demo.DemoData;

/**
 * The console in headless Chromium against a demo server on a loopback port: sign in, browse and
 * filter the sample cameras, page through them, sign out. Screenshots are kept in target/screenshots.
 */
class ConsoleIT {
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(Files.createTempDirectory("vms-console-it"), Map.of("monitor.enabled", "true"),
                SimConfig.builder(120).build());
        assertEquals(120, DemoData.loadIfEmpty(server.app().cameraRegistry(), server.fleet().cameras()));
        base = "http://127.0.0.1:" + server.app().port() + "/";
    }

    @Test
    void signInBrowseFilterPageAndSignOut() throws Exception {
        browser.open(base);
        browser.submitLogin("operator", "wrong");
        assertTrue(browser.byTestId("login-error").getText().length() > 0, "a wrong password shows an error");

        browser.type("login-password", "operator");
        browser.click("login-submit");
        browser.click("nav-cameras"); // operators land on the dashboard
        browser.waitFor("[data-testid='cameras-view'][data-state='ready']");
        assertEquals("operator", browser.byTestId("user-name").getText());
        List<WebElement> firstPage = browser.allByTestId("camera-row");
        assertEquals(50, firstPage.size(), "the demo district fills a page of 50");
        browser.screenshot("console-camera-list");

        Set<String> seen = new HashSet<>();
        firstPage.forEach(r -> seen.add(r.getAttribute("data-camera-id")));
        browser.click("page-next");
        browser.waitUntil("second page loaded", () -> {
            List<WebElement> rows = browser.allByTestId("camera-row");
            return !rows.isEmpty() && !seen.contains(rows.get(0).getAttribute("data-camera-id"));
        });
        browser.allByTestId("camera-row").forEach(r -> assertFalse(seen.contains(r.getAttribute("data-camera-id")),
                "page 2 repeats a camera of page 1"));

        Select district = new Select(browser.byTestId("district-filter"));
        browser.waitUntil("districts loaded", () -> district.getOptions().size() > 1);
        String chosen = district.getOptions().get(1).getAttribute("value");
        district.selectByValue(chosen);
        browser.waitUntil("filtered by district", () -> {
            List<WebElement> rows = browser.allByTestId("camera-row");
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.getText().contains(chosen));
        });
        browser.screenshot("console-district-filter");

        browser.click("logout-button");
        browser.byTestId("login-form");
    }
}
