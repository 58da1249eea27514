package org.skynet.vms.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;

/**
 * The monitor benchmark's city of cameras in a process of its own, so the server under test has its own heap,
 * garbage collector and descriptor limit, as it would against real cameras. Started by {@link MonitorScenario}
 * with the camera count; a {@code PATHS}-mode fleet (one RTSP and one ONVIF listener on 127.0.0.1). It writes the
 * import file, prints {@code ready <csv file>}, then answers one line per command read from standard input:
 * <ul>
 *   <li>{@code sweep <deadline seconds>}: seconds until every camera has received an RTSP OPTIONS or DESCRIBE
 *   from now (one full sweep as the cameras see it), or {@code -1} when the deadline came first;</li>
 *   <li>{@code fault <none|down|...> <id,id,...>}: switches those cameras, answers {@code ok}; for {@code down},
 *   watches when each of them first turns a connection or request away (its first probe since the fault);</li>
 *   <li>{@code refused}: for the cameras of the last {@code down}, in that order, the {@code System.nanoTime()}
 *   (the same monotonic clock in both processes on Linux) of that first refusal, {@code -1} when none came;</li>
 *   <li>{@code cpu}: this process's CPU seconds so far.</li>
 * </ul>
 * It ends when standard input closes.
 */
public final class MonitorFleet {
    private MonitorFleet() {
    }

    /** Starts the fleet process for {@code cameras} cameras; its errors go to ours. */
    static Process start(int cameras) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), MonitorFleet.class.getName(),
                Integer.toString(cameras)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    public static void main(String[] args) throws Exception {
        int cameras = Integer.parseInt(args[0]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        FirstRefusals refusals = null;
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(cameras).paths("127.0.0.1", 0, 0)
                .eventLoopThreads(1).build())) {
            Path csv = Files.createTempFile("vms-bench-monitor-cameras", ".csv");
            csv.toFile().deleteOnExit();
            Files.write(csv, MonitorScenario.csv(fleet));
            out.println("ready " + csv);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "sweep" -> out.println(String.format(Locale.ROOT, "%.3f", fullSweepSeconds(fleet.cameras(),
                            System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(words[1])))));
                    case "fault" -> {
                        List<String> ids = Arrays.asList(words[2].split(","));
                        Fault fault = Fault.parse(words[1]);
                        if (fault.kind() == FaultKind.DOWN) {
                            refusals = new FirstRefusals(ids.stream().map(fleet::camera).toList());
                        }
                        fleet.setFault(ids, fault);
                        out.println("ok");
                    }
                    case "refused" -> out.println(refusals == null ? "" : refusals.times());
                    case "cpu" -> out.println(String.format(Locale.ROOT, "%.3f", os.getProcessCpuTime() / 1e9));
                    default -> out.println("error: unknown command " + words[0]);
                }
            }
        }
    }

    /**
     * Seconds until every camera has received an RTSP OPTIONS or DESCRIBE after now, or -1 when {@code deadline}
     * came first.
     */
    private static double fullSweepSeconds(List<SimulatedCamera> cameras, long deadline) throws InterruptedException {
        long t0 = System.nanoTime();
        long[] before = new long[cameras.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = requests(cameras.get(i));
        }
        int next = 0;
        while (next < before.length) {
            if (requests(cameras.get(next)) > before[next]) {
                next++;
            } else if (System.nanoTime() >= deadline) {
                return -1;
            } else {
                Thread.sleep(20);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long requests(SimulatedCamera camera) {
        return camera.optionsReceived() + camera.describesReceived();
    }

    /** Watches, on its own thread, when each camera first turns a connection or request away. */
    private static final class FirstRefusals {
        private final long[] at;

        FirstRefusals(List<SimulatedCamera> cameras) {
            at = new long[cameras.size()];
            long[] before = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                before[i] = cameras.get(i).refusals();
                at[i] = -1;
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            Thread watcher = new Thread(() -> {
                int left = at.length;
                while (left > 0 && System.nanoTime() < deadline) {
                    long now = System.nanoTime();
                    for (int i = 0; i < at.length; i++) {
                        if (at[i] < 0 && cameras.get(i).refusals() > before[i]) {
                            setAt(i, now);
                            left--;
                        }
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }, "first-refusals");
            watcher.setDaemon(true);
            watcher.start();
        }

        private synchronized void setAt(int i, long nanos) {
            at[i] = nanos;
        }

        synchronized String times() {
            return Arrays.stream(at).mapToObj(Long::toString).collect(Collectors.joining(","));
        }
    }

    /** The parent's side: one command, one answer line. */
    static final class Client implements AutoCloseable {
        private final Process process;
        private final PrintStream commands;
        private final BufferedReader answers;
        private final Path csv;

        Client(Process process) throws IOException {
            this.process = process;
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String ready = answers.readLine();
            if (ready == null || !ready.startsWith("ready ")) {
                throw new IOException("the camera fleet process did not start: " + ready);
            }
            this.csv = Path.of(ready.substring("ready ".length()));
        }

        /** The import file of the fleet's cameras. */
        byte[] importFile() throws IOException {
            return Files.readAllBytes(csv);
        }

        /** id, RTSP URL of every camera, from the import file. */
        List<String[]> cameras() throws IOException {
            List<String[]> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(csv);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                out.add(new String[] {f[0], f[8]});
            }
            return out;
        }

        double sweepSeconds(long deadlineSeconds) throws IOException {
            return Double.parseDouble(ask("sweep " + deadlineSeconds));
        }

        void setFault(List<String> ids, String fault) throws IOException {
            String answer = ask("fault " + fault + " " + String.join(",", ids));
            if (!answer.equals("ok")) {
                throw new IOException(answer);
            }
        }

        /** For the cameras of the last {@code down} fault, in order: when each first turned a probe away (nanoTime, -1: never). */
        long[] firstRefusals() throws IOException {
            String answer = ask("refused");
            return answer.isEmpty() ? new long[0] : Arrays.stream(answer.split(",")).mapToLong(Long::parseLong).toArray();
        }

        double cpuSeconds() throws IOException {
            return Double.parseDouble(ask("cpu"));
        }

        private String ask(String command) throws IOException {
            commands.println(command);
            String answer = answers.readLine();
            if (answer == null) {
                throw new IOException("the camera fleet process ended (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")");
            }
            return answer;
        }

        @Override
        public void close() throws InterruptedException {
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
