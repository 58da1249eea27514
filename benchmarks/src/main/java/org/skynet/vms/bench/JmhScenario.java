package org.skynet.vms.bench;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark class with modest defaults for these 2-core machines (1 fork, 3 warm-up and
 * 5 measured iterations of 2 s), any JMH command-line options on top, and ends with one JSON line of
 * the scores (operations per second per benchmark method, single thread = per core).
 */
final class JmhScenario {
    private JmhScenario() {
    }

    static void run(String benchmarkClass, String scenario, String[] jmhArgs) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(jmhArgs);
        Options opts = new OptionsBuilder()
                .parent(cli)
                .include("org\\.skynet\\.vms\\.bench\\." + benchmarkClass + "\\.")
                .forks(cli.getForkCount().orElse(1))
                .warmupIterations(cli.getWarmupIterations().orElse(3))
                .warmupTime(cli.getWarmupTime().orElse(TimeValue.seconds(2)))
                .measurementIterations(cli.getMeasurementIterations().orElse(5))
                .measurementTime(cli.getMeasurementTime().orElse(TimeValue.seconds(2)))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scenario", scenario);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("jdk", System.getProperty("java.version"));
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            StringBuilder key = new StringBuilder(label);
            for (String p : r.getParams().getParamsKeys()) {
                key.append('[').append(p).append('=').append(r.getParams().getParam(p)).append(']');
            }
            figures.put(key.toString(), Map.of(
                    "score", r.getPrimaryResult().getScore(),
                    "error", r.getPrimaryResult().getScoreError(),
                    "unit", r.getPrimaryResult().getScoreUnit()));
        }
        System.out.println(JsonMapper.builder().build().writeValueAsString(figures));
    }
}
