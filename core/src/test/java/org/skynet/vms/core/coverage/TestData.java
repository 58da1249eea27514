package org.skynet.vms.core.coverage;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Files under {@code src/test/resources/testdata/coverage/}. */
public final class TestData {
    private TestData() {
    }

    public static Path file(String name) {
        try {
            return Path.of(TestData.class.getResource("/testdata/coverage/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test data file " + name, e);
        }
    }
}
