package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.nodes.ClusterRows;

/**
 * The nodes page in headless Chromium on a server in cluster mode (check every second, TTL 15 s, grace 5 s):
 * two nodes written by SQL as their heartbeats would, n1 kept heartbeating by the test; the page lists both
 * with their figures (n2's free days in red), then n2's heartbeat goes old and its leases lapse, and without a
 * reload n2 turns LOST, the unassigned count shows its two cameras and the NODE_LOST and UNASSIGNED alarms
 * appear (also in the alarm panel, as one CRITICAL row); n1 takes the cameras over and the count and the
 * UNASSIGNED alarm go away. Screenshots in
 * target/screenshots.
 */
class NodesConsoleIT {
    @AutoClose
    private static TestServer server;
    @AutoClose
    private static Browser browser;
    private static ClusterRows rows;
    private static ScheduledExecutorService n1Heartbeat;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(Files.createTempDirectory("vms-nodes-console-it"), Map.of("cluster.enabled", "true",
                "cluster.check-seconds", "1", "cluster.unassigned-grace-seconds", "5", "monitor.write-interval-millis",
                "200"), null);
        rows = new ClusterRows(new Jdbc(server.app().database()));
        rows.node("n1", "ACTIVE", 100, 2, 6_500_000, 23.0, 40L << 30, 400L << 30, 21.5, 0)
                .node("n2", "ACTIVE", 50, 2, 7_200_000, 41.0, 300L << 30, 20L << 30, 2.5, 0);
        for (String id : List.of("c1", "c2", "c3", "c4")) {
            rows.camera(id, "d1", "continuous", 600);
        }
        rows.lease("c1", "n1", 3600).lease("c2", "n1", 3600).lease("c3", "n2", 3600).lease("c4", "n2", 3600);
        n1Heartbeat = Executors.newSingleThreadScheduledExecutor();
        n1Heartbeat.scheduleWithFixedDelay(() -> rows.heartbeat("n1", 0), 500, 500, TimeUnit.MILLISECONDS);
        base = "http://127.0.0.1:" + server.app().port() + "/";
    }

    @AfterAll
    static void stopHeartbeat() {
        if (n1Heartbeat != null) {
            n1Heartbeat.shutdownNow();
        }
    }

    @Test
    void lostNodeAndItsUnassignedCamerasShowWithoutReload() throws Exception {
        browser.signIn(base + "#/nodes", "operator", "[data-testid='nodes-view'][data-state='ready']");
        WebElement n2 = browser.waitFor(row("n2", "ACTIVE"));
        browser.waitFor(row("n1", "ACTIVE"));
        assertEquals("7.2", cell(n2, "node-ingest"));
        assertEquals("41 %", cell(n2, "node-cpu"));
        assertEquals("300.0 / 20.0 GiB", cell(n2, "node-disk"));
        assertEquals("2 / 50", cell(n2, "node-cameras"));
        assertEquals("true", n2.findElement(By.cssSelector("[data-testid='node-free-days']")).getAttribute("data-low"),
                "2.5 free days is shown as low");
        assertEquals("false", browser.waitFor(row("n1", "ACTIVE") + " [data-testid='node-free-days']")
                .getAttribute("data-low"));
        assertEquals("0", unassignedCount());
        assertTrue(browser.allByTestId("nodes-alarm").isEmpty(), "no cluster alarm while both nodes record");
        browser.waitFor("[data-testid='live-indicator'][data-status='live']");
        browser.driver().executeScript("window.nodesPageNotReloaded = true;");
        browser.screenshot("nodes-two-active");

        rows.heartbeat("n2", 60).lease("c3", "n2", -30).lease("c4", "n2", -30);
        browser.waitFor(row("n2", "LOST"));
        browser.waitUntil("two unassigned cameras", () -> "2".equals(unassignedCount()));
        WebElement unassigned = browser.waitFor("[data-testid='nodes-alarm'][data-kind='UNASSIGNED']");
        assertTrue(unassigned.getText().contains("c3, c4"), unassigned.getText());
        WebElement lost = browser.waitFor("[data-testid='nodes-alarm'][data-kind='NODE_LOST']");
        assertTrue(lost.getText().contains("recorder node n2"), lost.getText());
        assertEquals(true, browser.driver().executeScript("return window.nodesPageNotReloaded === true;"),
                "updated in place, not by a reload");
        browser.screenshot("nodes-n2-lost");

        browser.click("nav-alarms");
        WebElement alarmRow = browser.waitFor("[data-testid='alarm-row'][data-kind='UNASSIGNED'][data-status='OPEN']");
        assertTrue(cell(alarmRow, "alarm-source").startsWith("Unassigned"), cell(alarmRow, "alarm-source"));
        assertEquals("CRITICAL", alarmRow.getAttribute("data-severity"));
        browser.screenshot("nodes-alarm-panel");
        browser.click("nav-nodes");
        browser.waitFor(row("n2", "LOST"));

        rows.lease("c3", "n1", 3600).lease("c4", "n1", 3600);
        browser.waitUntil("every camera assigned again", () -> "0".equals(unassignedCount()));
        browser.waitUntil("UNASSIGNED alarm cleared", () -> browser.driver().findElements(
                By.cssSelector("[data-testid='nodes-alarm'][data-kind='UNASSIGNED']")).isEmpty());
        browser.waitFor("[data-testid='nodes-alarm'][data-kind='NODE_LOST']");
        browser.screenshot("nodes-taken-over");
    }

    private static String unassignedCount() {
        return browser.byTestId("nodes-unassigned-count").getText();
    }

    private static String row(String nodeId, String state) {
        return "[data-testid='node-row'][data-node-id='" + nodeId + "'][data-state='" + state + "']";
    }

    private static String cell(WebElement row, String testId) {
        return row.findElement(By.cssSelector("[data-testid='" + testId + "']")).getText();
    }
}
