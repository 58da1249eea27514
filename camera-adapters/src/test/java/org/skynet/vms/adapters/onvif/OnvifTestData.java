package org.skynet.vms.adapters.onvif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads golden files from {@code testdata/onvif/} on the test class path. */
public final class OnvifTestData {
    private OnvifTestData() {
    }

    /** The bytes of {@code testdata/onvif/<name>}. */
    public static byte[] bytes(String name) {
        try (InputStream in = OnvifTestData.class.getResourceAsStream("/testdata/onvif/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file testdata/onvif/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
