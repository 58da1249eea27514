package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console names Leaflet's WebJar path with its version; a version bump in the parent pom must move these
 * paths too, or the map page would load nothing. Every Leaflet path in these files exists on the classpath.
 */
class LeafletWebJarTest {
    private static final Pattern WEBJAR_PATH = Pattern.compile("webjars/leaflet/([^/]+)/([^'\"\\s]+)");

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "js/map.js", "js/map-cone-editor.js"})
    void consoleFilesUseTheLeafletOfTheClasspath(String file) throws IOException {
        String version = leafletVersion();
        String text = resource("META-INF/resources/console/" + file);
        Matcher m = WEBJAR_PATH.matcher(text);
        boolean found = false;
        while (m.find()) {
            found = true;
            assertTrue(m.group(1).equals(version), file + " names Leaflet " + m.group(1) + ", the classpath has " + version);
            assertNotNull(getClass().getClassLoader().getResource("META-INF/resources/" + m.group(0)), m.group(0));
        }
        assertTrue(found, file + " uses Leaflet");
    }

    private static String leafletVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = LeafletWebJarTest.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/leaflet/pom.properties")) {
            assertNotNull(in, "the Leaflet WebJar is on the classpath");
            p.load(in);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = LeafletWebJarTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
