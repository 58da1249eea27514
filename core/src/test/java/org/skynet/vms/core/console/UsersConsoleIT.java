package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;

/**
 * The Users page in headless Chromium: an admin creates a user, sees a policy error, disables the user.
 * Every change is a cookie request, so this also shows the console sends the CSRF token.
 */
class UsersConsoleIT {
    private static VmsApplication app;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        Path data = Files.createTempDirectory("vms-users-console-it");
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false")), VmsApplication.Mode.DEMO, Clock.systemUTC());
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
    }

    private WebElement row(String username) {
        return browser.waitFor("[data-testid='user-row'][data-username='" + username + "']");
    }

    @Test
    void adminCreatesAndDisablesAUser() throws Exception {
        browser.open(base);
        browser.type("login-username", "admin");
        browser.type("login-password", "admin");
        browser.click("login-submit");
        browser.byTestId("nav-users");
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
