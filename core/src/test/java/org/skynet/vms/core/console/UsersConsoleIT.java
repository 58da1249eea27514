package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;

/**
 * The Users page in headless Chromium: an admin creates a user, sees a policy error, disables the user.
 * Every change is a cookie request, so this also shows the console sends the CSRF token.
 */
class UsersConsoleIT {
    @AutoClose
    private static TestServer server;
    private static VmsApplication app;
    @AutoClose
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(Files.createTempDirectory("vms-users-console-it"), Map.of(), null);
        app = server.app();
        base = "http://127.0.0.1:" + app.port() + "/";
    }

    private WebElement row(String username) {
        return browser.waitFor("[data-testid='user-row'][data-username='" + username + "']");
    }

    @Test
    void adminCreatesAndDisablesAUser() throws Exception {
        browser.signIn(base, "admin", "[data-testid='nav-users']");
        browser.click("nav-users");
        browser.waitFor("[data-testid='users-view'][data-state='ready']");

        browser.type("user-new-username", "gina");
        browser.type("user-new-password", "short");
        browser.click("user-create-submit");
        assertTrue(browser.byTestId("user-create-error").getText().contains("field: password"),
                browser.byTestId("user-create-error").getText());

        browser.type("user-new-password", "gina-long-secret");
        browser.type("user-new-districts", "Nancheng, Dongcheng");
        browser.click("user-create-submit");
        assertEquals("Created user gina.", browser.byTestId("user-create-result").getText());
        browser.waitUntil("gina listed with her districts", () -> row("gina").getText().contains("Dongcheng, Nancheng"));
        browser.screenshot("console-users");

        browser.waitUntil("disable clicked", () -> {
            row("gina").findElement(By.cssSelector("[data-testid='user-toggle']")).click();
            return true;
        });
        browser.waitUntil("gina disabled", () -> row("gina").getText().contains("Disabled"));
        assertFalse(app.userStore().find("gina").orElseThrow().enabled());
    }
}
