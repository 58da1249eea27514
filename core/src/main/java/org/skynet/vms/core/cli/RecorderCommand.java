package org.skynet.vms.core.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.skynet.vms.core.cluster.RecorderNode;
import org.skynet.vms.core.config.VmsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vms recorder --node-id ID}: a recorder node until SIGTERM. It records the cameras whose lease it holds
 * in core's PostgreSQL database ({@code docs/design/scale-out.md}); core runs with {@code recorder.nodes=external}.
 */
@Command(name = "recorder", mixinStandardHelpOptions = true,
        description = "Run a recorder node: record the cameras it holds leases on, in core's PostgreSQL database.")
public final class RecorderCommand implements Callable<Integer> {
    @Option(names = "--node-id", required = true, paramLabel = "ID",
            description = "This node's id, unique in the cluster (config node.id).")
    String nodeId;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or properties file with settings (db.url, master-key, recorder.root, cluster.*).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory of this node (default ./data; VMS_DATA).")
    Path data;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        flags.put("node.id", nodeId);
        if (data != null) {
            flags.put("data", data.toString());
        }
        RecorderNode node = RecorderNode.start(VmsConfig.load(config, System.getenv(), flags),
                Clock.systemUTC());
        CountDownLatch stopped = ServeCommand.closeOnShutdown(node);
        System.out.println("vms recorder: node " + node.nodeId() + " recording under " + node.storageRoot()
                + ", serving core on " + node.url() + " (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
