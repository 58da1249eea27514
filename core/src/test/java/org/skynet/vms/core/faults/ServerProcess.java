package org.skynet.vms.core.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.core.cli.VmsCommand;

/**
 * {@code vms serve} in a child JVM with the test class path, as an operator runs it: settings from a
 * properties file, port 0, the first-start admin password read from its output. {@link #kill()} is a
 * SIGKILL: no shutdown hook, no close.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("vms serve: listening on http://127\\.0\\.0\\.1:(\\d+)/.*");
    private static final Pattern FIRST_ADMIN = Pattern.compile("First start: created user '(\\S+)' with password (\\S+)");

    private final Process process;
    private final long startedNanos;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final Path log;
    private volatile String adminPassword;
    private volatile long listeningNanos;

    private ServerProcess(Process process, long startedNanos, Path log) {
        this.process = process;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /**
     * Starts {@code vms serve --config DIR/vms.properties} with {@code settings} and waits (60 s at most)
     * until it listens; its stderr goes to {@code DIR/serve-N.err}.
     */
    static ServerProcess start(Path dir, Map<String, String> settings, int run) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        p.put("port", "0");
        p.put("bind", "127.0.0.1");
        Path file = dir.resolve("vms.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "fault test");
        }
        Path err = dir.resolve("serve-" + run + ".err");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), VmsCommand.class.getName(), "serve",
                "--config", file.toString()).redirectError(err.toFile()).start();
        ServerProcess server = new ServerProcess(process, started, err);
        Thread reader = new Thread(server::readOutput, "serve-" + run + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            server.port.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            fail("vms serve did not start listening within 60 s: " + server.output + " / " + server.stderr());
        }
        return server;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                Matcher admin = FIRST_ADMIN.matcher(line);
                if (admin.find()) {
                    adminPassword = admin.group(2);
                }
                Matcher m = LISTENING.matcher(line);
                if (m.matches()) {
                    listeningNanos = System.nanoTime();
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("vms serve ended"));
    }

    int port() {
        return port.join();
    }

    /** The admin password printed at the first start (it follows the listening line: waits 10 s for it). */
    String adminPassword() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (adminPassword == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (adminPassword == null) {
            fail("no first-start admin password in the output: " + output);
        }
        return adminPassword;
    }

    /** When the JVM was started ({@link System#nanoTime()}). */
    long startedNanos() {
        return startedNanos;
    }

    /** How long the JVM took from its start to listening. */
    long millisToListen() {
        return TimeUnit.NANOSECONDS.toMillis(listeningNanos - startedNanos);
    }

    /** What the server wrote to stderr (its log). */
    String stderr() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (at most {@code seconds}) for the process to end on its own; its exit status, or -1 if it still runs. */
    int awaitExit(int seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL, then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("vms serve survived SIGKILL");
        }
    }

    /** SIGTERM (graceful shutdown through the hook), SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
