package org.skynet.vms.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.config.VmsConfig;
import picocli.CommandLine;

/** {@code --rtsp-port} on serve and demo becomes {@code rtsp.port}; without it the setting is left unset. */
class RtspPortOptionTest {
    @Test
    void flagBecomesRtspPort() {
        for (Object command : new Object[] {new ServeCommand(), new DemoCommand()}) {
            new CommandLine(command).parseArgs("--rtsp-port", "10554");
            assertEquals(10554, options(command).toConfig(Map.of()).integer("rtsp.port", 8554));
        }
        ServeCommand plain = new ServeCommand();
        new CommandLine(plain).parseArgs();
        VmsConfig config = plain.options.toConfig(Map.of());
        assertNull(config.string("rtsp.port", null), "unset: the server's default applies");
    }

    private static ServerOptions options(Object command) {
        return command instanceof ServeCommand s ? s.options : ((DemoCommand) command).options;
    }
}
