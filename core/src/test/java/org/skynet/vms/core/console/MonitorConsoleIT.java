package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.demo.DemoData;
import org.skynet.vms.core.monitor.FreePortBlock;
import org.skynet.vms.core.registry.CameraDraft;

/**
 * The duty-room pages in headless Chromium against a demo server watching six simulated cameras,
 * probed every second: the operator lands on the dashboard (all ONLINE), a camera goes DOWN, and without
 * a reload the OFFLINE count, the camera list's State column and the alarm panel follow from the event
 * socket; the operator acknowledges the alarm with a note. Then two cameras of one district go down
 * together and the panel shows one storm alarm listing both (storm threshold lowered to 2). Ten cameras in
 * five districts, two per district. Screenshots are kept in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorConsoleIT {
    private static final int CAMERAS = 10;
    private static final int DISTRICTS = 5;
    private static final int ONVIF_OFFSET = 100;

    private static SimulatedFleet fleet;
    private static VmsApplication app;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        // Fixed ports: a camera healed after DOWN binds its ports again (FreePortBlock).
        int first = FreePortBlock.find(28_000, 36_000, CAMERAS, ONVIF_OFFSET);
        fleet = SimulatedFleet.start(SimConfig.builder(CAMERAS).ports("127.0.0.1", first, first + ONVIF_OFFSET)
                .build());
        Path data = Files.createTempDirectory("vms-monitor-console-it");
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.interval-seconds", "1", "monitor.timeout-seconds", "2", "monitor.registry-poll-seconds", "1",
                "monitor.write-interval-millis", "200", "alarms.storm.threshold", "2")), VmsApplication.Mode.DEMO,
                Clock.systemUTC());
        assertEquals(CAMERAS, DemoData.loadIfEmpty(app.cameraRegistry(), fleet.cameras()));
        base = "http://127.0.0.1:" + app.port() + "/";
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void cameraDownShowsLiveOnDashboardCameraListAndAlarmPanelAndIsAcknowledged() throws Exception {
        int index = firstEnabledCamera();
        String simId = fleet.cameras().get(index).id();
        String cameraId = DemoData.cameras(fleet.cameras()).get(index).id();
        long watched = DemoData.cameras(fleet.cameras()).stream().filter(MonitorConsoleIT::enabled).count();

        browser.signIn(base, "operator", "[data-testid='dashboard-view'][data-state='ready']");
        assertEquals("dashboard", browser.driver().getCurrentUrl().replaceAll(".*#/", ""),
                "operators land on the dashboard");
        browser.waitFor("[data-testid='live-indicator'][data-status='live']");
        browser.waitUntil("every watched camera ONLINE", () -> count("ONLINE") == watched);
        assertEquals(0, count("OFFLINE"));
        browser.screenshot("monitor-dashboard-online");

        fleet.setFault(simId, Fault.DOWN);
        browser.waitUntil("OFFLINE count 1 without a reload", () -> count("OFFLINE") == 1);
        assertEquals(watched - 1, count("ONLINE"));
        browser.waitUntil("open alarm badge", () -> "1".equals(browser.byTestId("alarm-badge").getText()));
        String cues = browser.byTestId("alarm-mute").getAttribute("data-cues");
        browser.screenshot("monitor-dashboard-offline");

        browser.click("nav-cameras");
        browser.waitFor("[data-testid='cameras-view'][data-state='ready']");
        WebElement camRow = browser.waitFor("[data-testid='camera-row'][data-camera-id='" + cameraId
                + "'][data-state='OFFLINE']");
        assertTrue(camRow.findElement(By.cssSelector("[data-testid='camera-reason']")).getText().length() > 0,
                "an OFFLINE camera shows why");
        browser.screenshot("monitor-camera-list-offline");

        browser.click("nav-alarms");
        browser.waitFor("[data-testid='alarms-view'][data-state='ready']");
        WebElement row = browser.waitFor("[data-testid='alarm-row'][data-camera-id='" + cameraId
                + "'][data-status='OPEN']");
        assertEquals("1", cues, "one audible cue was due for the new alarm");
        assertTrue(row.getText().contains("MAJOR"), row.getText());
        assertTrue(row.getText().contains(cameraId), row.getText());
        String alarmId = row.getAttribute("data-alarm-id");
        browser.screenshot("monitor-alarm-raised");

        row.findElement(By.cssSelector("[data-testid='alarm-ack']")).click();
        browser.type("alarm-ack-note", "crew on the way");
        browser.click("alarm-ack-submit");
        String ackedCss = "[data-testid='alarm-row'][data-alarm-id='" + alarmId
                + "'][data-status='ACKNOWLEDGED'] [data-testid='alarm-acked']";
        browser.waitFor(ackedCss);
        String acked = textOf(ackedCss);
        assertTrue(acked.contains("by operator"), acked);
        assertTrue(acked.contains("crew on the way"), acked);
        browser.waitUntil("badge hidden once nothing is open",
                () -> browser.allByTestId("alarm-badge").stream().noneMatch(WebElement::isDisplayed));
        browser.screenshot("monitor-alarm-acknowledged");

        fleet.setFault(simId, Fault.NONE);
        String clearedRow = "[data-testid='alarm-row'][data-alarm-id='" + alarmId + "']";
        browser.waitUntil("cleared alarm leaves the active list", () -> textOf(clearedRow) == null);

        browser.click("alarm-mute");
        assertEquals("true", browser.byTestId("alarm-mute").getAttribute("aria-pressed"));
        browser.driver().navigate().refresh();
        browser.waitFor("[data-testid='alarms-view'][data-state='ready']");
        assertEquals("true", browser.byTestId("alarm-mute").getAttribute("aria-pressed"), "mute survives a reload");
    }

    @Test
    @Order(2)
    void twoCamerasOfADistrictDownMakeOneStormListingBoth() throws Exception {
        List<CameraDraft> drafts = DemoData.cameras(fleet.cameras());
        int a = stormDistrictCamera(drafts);
        int b = a + DISTRICTS;
        String idA = drafts.get(a).id();
        String idB = drafts.get(b).id();
        assertEquals(app.cameraRegistry().get(idA).district(), app.cameraRegistry().get(idB).district());
        List<String> sims = List.of(fleet.cameras().get(a).id(), fleet.cameras().get(b).id());
        browser.open(base + "#/alarms");
        browser.waitFor("[data-testid='alarms-view'][data-state='ready']");
        browser.waitFor("[data-testid='live-indicator'][data-status='live']");

        fleet.setFault(sims, Fault.DOWN);
        String storm = "[data-testid='alarm-row'][data-kind='STORM'] [data-testid='alarm-members']";
        browser.waitUntil("a storm listing both cameras", () -> {
            String members = textOf(storm);
            return members != null && members.contains(idA) && members.contains(idB);
        });
        browser.waitUntil("both member alarms listed (the socket pushes only the storm)", () ->
                textOf("[data-testid='alarm-row'][data-camera-id='" + idA + "']") != null
                        && textOf("[data-testid='alarm-row'][data-camera-id='" + idB + "']") != null);
        browser.waitFor(storm).click(); // open the member list for the screenshot
        browser.screenshot("monitor-alarm-storm");
        fleet.setFault(sims, Fault.NONE);
    }

    private static long count(String state) {
        String text = textOf("[data-testid='count-" + state + "']");
        return text == null ? -1 : Long.parseLong(text.trim());
    }

    /** The text of the first match, read in one script call (a live update may redraw the element meanwhile). */
    private static String textOf(String css) {
        Object text = browser.driver().executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return text == null ? null : text.toString();
    }

    /**
     * A camera of a district other than the first test's whose two cameras are both enabled (the demo deals
     * cameras round-robin over the districts, so i and i + DISTRICTS share one).
     */
    private static int stormDistrictCamera(List<CameraDraft> drafts) {
        for (int i = 1; i < DISTRICTS; i++) {
            if (enabled(drafts.get(i)) && enabled(drafts.get(i + DISTRICTS))) {
                return i;
            }
        }
        throw new IllegalStateException("no district with two enabled cameras in the demo data");
    }

    private static boolean enabled(CameraDraft draft) {
        return app.cameraRegistry().get(draft.id()).enabled();
    }

    private static int firstEnabledCamera() {
        List<CameraDraft> drafts = DemoData.cameras(fleet.cameras());
        for (int i = 0; i < drafts.size(); i++) {
            if (enabled(drafts.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no enabled demo camera among " + drafts.size());
    }
}
