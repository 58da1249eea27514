package org.skynet.vms.core.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of the test's own (Debian's {@code initdb} and {@code pg_ctl}), on a free
 * loopback port with trust authentication, so a test may stop and start it without touching the
 * shared one. PostgreSQL refuses to run as root: as root the commands run as user {@code postgres}
 * ({@code runuser}). Missing binaries skip the test, or fail it when {@code CI=true}.
 */
final class PrivatePostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int port;

    private PrivatePostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Creates a cluster in a new temporary directory and starts it. */
    static PrivatePostgres create() throws IOException, InterruptedException {
        boolean present = Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("pg_ctl"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("PostgreSQL server binaries are required when CI=true (apt-get install -y postgresql)");
        }
        Assumptions.assumeTrue(present, BIN + "/initdb not found: private PostgreSQL test skipped");
        Path dir = Files.createTempDirectory("vms-pg");
        if (isRoot()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        PrivatePostgres pg = new PrivatePostgres(dir, freePort());
        pg.pg(List.of(BIN.resolve("initdb").toString(), "-D", pg.data(), "-A", "trust", "-U", "postgres", "-N"));
        pg.start();
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** {@code pg_ctl stop -m fast}: open connections are cut, as on a database restart. */
    void stop() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop"));
    }

    /** Stops the server (immediately) and deletes the cluster. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(Path.of(data(), "postmaster.pid"))) {
            pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " failed: " + out);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
