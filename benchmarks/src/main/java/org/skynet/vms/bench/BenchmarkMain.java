package org.skynet.vms.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skynet.vms.load.ApiLoadScenario;
import org.skynet.vms.load.CoverageScenario;
import org.skynet.vms.load.FailoverScenario;
import org.skynet.vms.load.LeaseScenario;
import org.skynet.vms.load.LiveScenario;
import org.skynet.vms.load.MonitorScenario;
import org.skynet.vms.load.OnboardScenario;
import org.skynet.vms.load.RecorderScenario;
import org.skynet.vms.load.RegistryScenario;

/**
 * Dispatches {@code benchmarks/run SCENARIO [options]} to the scenario's entry point. JMH scenarios run
 * the named benchmark classes; load scenarios are plain programs in {@code org.skynet.vms.load}.
 */
public final class BenchmarkMain {
    /** A scenario's entry point, given the options after the scenario name. */
    @FunctionalInterface
    interface Scenario {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("depacketize", args -> JmhScenario.run("DepacketizerBenchmark", "depacketize", args));
        SCENARIOS.put("registry", RegistryScenario::main);
        SCENARIOS.put("coverage", CoverageScenario::main);
        SCENARIOS.put("recorder", RecorderScenario::main);
        SCENARIOS.put("onboard", OnboardScenario::main);
        SCENARIOS.put("monitor", MonitorScenario::main);
        SCENARIOS.put("live", LiveScenario::main);
        SCENARIOS.put("api-load", ApiLoadScenario::main);
        SCENARIOS.put("failover", FailoverScenario::main);
        SCENARIOS.put("leases", LeaseScenario::main);
    }

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--list") || args[0].equals("--help")) {
            System.out.println("usage: benchmarks/run SCENARIO [options]; scenarios: " + String.join(", ", SCENARIOS.keySet()));
            System.exit(args.length == 0 ? 2 : 0);
        }
        Scenario s = SCENARIOS.get(args[0]);
        if (s == null) {
            System.err.println("unknown scenario '" + args[0] + "'; scenarios: " + String.join(", ", SCENARIOS.keySet()));
            System.exit(2);
        }
        try {
            s.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println(args[0] + ": " + e.getMessage()); // a bad option: say which, no stack trace
            System.exit(2);
        }
    }
}
