package org.skynet.vms.load;

import static org.skynet.vms.load.ScenarioOptions.intOption;
import static org.skynet.vms.load.ScenarioOptions.stringOption;

import java.nio.file.Files;
import java.nio.file.Path;
import org.skynet.vms.load.cluster.FailoverReport;
import org.skynet.vms.load.cluster.FailoverRun;
import org.skynet.vms.load.cluster.LocalCluster;

/**
 * {@code benchmarks/run failover [--nodes 3] [--cameras 60] [--ttl-seconds 4] [--db-url URL] [--db-user U]}: core
 * and N recorder nodes as separate processes on loopback against PostgreSQL (a fresh schema, dropped after), the
 * cameras simulated in this JVM; one node is SIGKILLed and returns ({@link FailoverRun}). Reported: takeover time
 * p50/p99/max from the kill to each camera's first frame on another node, video seconds lost per camera (the gap
 * in its recording), seconds recorded twice (overlapping segment rows of one camera), and the lease moves of the
 * takeover, the rebalance after the node's return and a quiet spell after it. The gap per camera goes to stderr;
 * the last stdout line is one JSON object.
 */
public final class FailoverScenario {
    private FailoverScenario() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("vms-failover");
        LocalCluster.Spec spec = new LocalCluster.Spec(intOption(args, "--nodes", 3),
                intOption(args, "--cameras", 60),
                Double.parseDouble(stringOption(args, "--ttl-seconds", "4")),
                stringOption(args, "--db-url", "jdbc:postgresql://127.0.0.1:5432/test"),
                stringOption(args, "--db-user", "postgres"), dir);
        System.err.println("failover: logs and data under " + dir);
        FailoverReport report = FailoverRun.run(spec);
        System.err.print(report.gapTable());
        System.out.println(report.toJson());
    }
}
