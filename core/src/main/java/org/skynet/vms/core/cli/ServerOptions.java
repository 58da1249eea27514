package org.skynet.vms.core.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.skynet.vms.core.config.VmsConfig;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a server: config file, port, data directory and TLS files. */
public final class ServerOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML or properties file with settings (VMS_... variables override it).")
    Path config;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080; VMS_PORT).")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default ./data; VMS_DATA).")
    Path data;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate chain for HTTPS/WSS (config tls.cert).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PKCS#8 private key for HTTPS/WSS (config tls.key).")
    Path tlsKey;

    @Option(names = "--http-redirect-port", paramLabel = "PORT",
            description = "Plain-HTTP port answering 301 to HTTPS (config tls.http-redirect-port).")
    Integer httpRedirectPort;

    @Option(names = "--rtsp-port", paramLabel = "PORT",
            description = "RTSP re-stream port (default 8554, 0 for any free port; config rtsp.port).")
    Integer rtspPort;

    /** The effective configuration: file, then environment, then these flags. */
    public VmsConfig toConfig(Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put("port", port.toString());
        }
        if (data != null) {
            flags.put("data", data.toString());
        }
        if (tlsCert != null) {
            flags.put("tls.cert", tlsCert.toString());
        }
        if (tlsKey != null) {
            flags.put("tls.key", tlsKey.toString());
        }
        if (httpRedirectPort != null) {
            flags.put("tls.http-redirect-port", httpRedirectPort.toString());
        }
        if (rtspPort != null) {
            flags.put("rtsp.port", rtspPort.toString());
        }
        return VmsConfig.load(config, env, flags);
    }
}
