package org.skynet.vms.core.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Random;

/**
 * Fixed loopback ports for simulated cameras that bind their ports again when healed after DOWN (an ephemeral port
 * could meanwhile be in use as the local port of an outgoing connection): a random block below the ephemeral range
 * whose ports are all free now. Other services listen in that range too (RabbitMQ's 25672, for one).
 */
public final class FreePortBlock {
    private FreePortBlock() {
    }

    /**
     * A first RTSP port in [{@code lowest}, {@code highest}) such that the {@code cameras} ports from it and the
     * {@code cameras} ONVIF ports from {@code onvifOffset} above it are free now.
     */
    public static int find(int lowest, int highest, int cameras, int onvifOffset) {
        Random random = new Random();
        int blocks = (highest - lowest - onvifOffset - cameras) / 20;
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = lowest + random.nextInt(blocks) * 20;
            if (free(first, cameras) && free(first + onvifOffset, cameras)) {
                return first;
            }
        }
        throw new UncheckedIOException(new IOException("no free block of ports in " + lowest + "-" + highest));
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
