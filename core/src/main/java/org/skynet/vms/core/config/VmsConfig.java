package org.skynet.vms.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.skynet.vms.errors.VmsException;

/**
 * The server's settings, from one file plus environment overrides plus command-line flags, in that
 * order of increasing precedence. Keys are dotted ({@code db.url}); the environment variable of a key
 * is {@code VMS_} + the key upper-cased with dots and dashes as underscores ({@code VMS_DB_URL}).
 * The file is YAML ({@code .yml}/{@code .yaml}, nested maps flattened to dotted keys) or Java properties.
 */
public final class VmsConfig {
    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Map<String, String> flags;

    private VmsConfig(Map<String, String> file, Map<String, String> env, Map<String, String> flags) {
        this.file = Map.copyOf(file);
        this.env = Map.copyOf(env);
        this.flags = Map.copyOf(flags);
    }

    /**
     * @param configFile a YAML or properties file, or null
     * @param env        the process environment (tests pass their own)
     * @param flags      values given on the command line, by key
     */
    public static VmsConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        return new VmsConfig(configFile == null ? Map.of() : readFile(configFile), env, flags);
    }

    public static VmsConfig ofFlags(Map<String, String> flags) {
        return new VmsConfig(Map.of(), Map.of(), flags);
    }

    /** A copy with one more command-line value (the highest precedence), e.g. the port a standby already bound. */
    public VmsConfig with(String key, String value) {
        Map<String, String> more = new HashMap<>(flags);
        more.put(key, value);
        return new VmsConfig(file, env, more);
    }

    public static String envName(String key) {
        return "VMS_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The value of a key, or the default when no source sets it. */
    public String string(String key, String defaultValue) {
        String v = flags.get(key);
        if (v == null) {
            v = env.get(envName(key));
        }
        if (v == null) {
            v = file.get(key);
        }
        return v == null ? defaultValue : v;
    }

    public int integer(String key, int defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw VmsException.invalid(key, "setting " + key + " (" + envName(key) + ") must be an integer, got '" + v + "'");
        }
    }

    public double decimal(String key, double defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw VmsException.invalid(key, "setting " + key + " (" + envName(key) + ") must be a number, got '" + v + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw VmsException.invalid(key, "setting " + key + " must be true or false, got '" + v + "'");
        };
    }

    public Path path(String key, String defaultValue) {
        return Path.of(string(key, defaultValue));
    }

    private static Map<String, String> readFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw VmsException.invalid("config", "config file " + path + " does not exist or is not a file");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = Files.newInputStream(path)) {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
                Map<String, String> out = new HashMap<>();
                if (root != null) {
                    flatten("", root, out);
                }
                return out;
            }
            Properties p = new Properties();
            p.load(in);
            Map<String, String> out = new HashMap<>();
            p.forEach((k, v) -> out.put(k.toString().trim(), v.toString().trim()));
            return out;
        } catch (IOException e) {
            throw VmsException.invalid("config", "cannot read config file " + path + ": " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!node.isNull()) {
            out.put(prefix, node.isTextual() ? node.textValue() : node.toString());
        }
    }
}
