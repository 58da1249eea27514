package org.skynet.vms.load.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.core.cli.VmsCommand;

/**
 * One {@code vms} command ({@code serve}, {@code recorder}) in a child JVM with this JVM's class path, as an
 * operator runs it: its settings in {@code DIR/NAME.properties}, its log (stderr) in {@code DIR/NAME.err}.
 * {@link #start} returns once a line of its standard output matches the ready pattern. {@link #kill()} is a
 * SIGKILL (no shutdown hook runs), {@link #close()} a SIGTERM.
 */
public final class ChildVms implements AutoCloseable {
    private static final long READY_SECONDS = 240;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();

    private ChildVms(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code vms COMMAND ARGS... --config DIR/NAME.properties} and waits for {@code readyLine}.
     *
     * @throws IllegalStateException naming the child and its output when it is not ready within 240 s
     */
    public static ChildVms start(Path dir, String name, Map<String, String> settings, Pattern readyLine,
            String... command) throws IOException, InterruptedException {
        Properties p = new Properties();
        p.putAll(settings);
        Path file = dir.resolve(name + ".properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, name);
        }
        Path err = dir.resolve(name + ".err");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), VmsCommand.class.getName()));
        cmd.addAll(List.of(command));
        cmd.addAll(List.of("--config", file.toString()));
        Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
        ChildVms child = new ChildVms(name, process, err);
        Thread reader = new Thread(() -> child.readOutput(readyLine), name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            child.ready.get(READY_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " was not ready within " + READY_SECONDS + " s: " + child.output
                    + " / " + child.tail(), e);
        }
        return child;
    }

    private void readOutput(Pattern readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
                Matcher m = readyLine.matcher(line);
                if (m.matches()) {
                    ready.complete(m);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException(name + " ended"));
    }

    /** The ready line's match (e.g. the port in a group). */
    public Matcher readyLine() {
        return ready.join();
    }

    /** The child's name. */
    public String name() {
        return name;
    }

    /** The last lines of the child's log (stderr). */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** SIGTERM (graceful stop through the shutdown hook), SIGKILL after 30 s. */
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
