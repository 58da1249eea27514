package org.skynet.vms.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import picocli.CommandLine;

/** {@code --tls-cert}, {@code --tls-key} and {@code --http-redirect-port} on serve and demo become the tls.* settings. */
class TlsOptionsTest {
    @Test
    void flagsBecomeTlsSettings() {
        for (Object command : new Object[] {new ServeCommand(), new DemoCommand()}) {
            new CommandLine(command).parseArgs("--tls-cert", "/etc/vms/server.crt", "--tls-key", "/etc/vms/server.key",
                    "--http-redirect-port", "80");
            ServerOptions options = command instanceof ServeCommand s ? s.options : ((DemoCommand) command).options;
            VmsConfig config = options.toConfig(Map.of());
            assertEquals("/etc/vms/server.crt", config.string("tls.cert", null));
            assertEquals("/etc/vms/server.key", config.string("tls.key", null));
            assertEquals(80, config.integer("tls.http-redirect-port", 0));
        }
    }
}
