package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's ffprobe/ffmpeg (and cvlc) checks for recorded files. A missing tool skips the test, or fails
 * it when {@code CI=true}.
 */
public final class MediaProbe {
    private MediaProbe() {
    }

    public static void requireTool(String name) {
        boolean found = false;
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(p, name));
        }
        if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(name + " is required when CI=true (apt-get install -y ffmpeg vlc)");
        }
        Assumptions.assumeTrue(found, name + " not on PATH: test skipped");
    }

    /** {@code ffprobe -count_frames}: stream and format keys (format ones prefixed {@code format.}); no errors allowed. */
    public static Map<String, String> probe(Path file) {
        String[] r = run(List.of("ffprobe", "-v", "error", "-show_streams", "-count_frames", "-show_format",
                file.toString()));
        assertEquals("", r[1], "ffprobe complained about " + file);
        Map<String, String> out = new HashMap<>();
        String prefix = "";
        for (String line : r[0].split("\n")) {
            if (line.equals("[FORMAT]")) {
                prefix = "format.";
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(prefix + line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** {@code ffmpeg -v error -i F -f null -} prints nothing. */
    public static void assertDecodesCleanly(Path file) {
        String[] r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
        assertTrue(r[0].isEmpty() && r[1].isEmpty(), "ffmpeg reported problems decoding " + file + ": " + r[0] + r[1]);
    }

    /** Runs to completion (60 s at most); returns stdout and stderr; fails on a non-zero exit. */
    public static String[] run(List<String> command) {
        Result r = exec(command);
        assertEquals(0, r.exitCode(), String.join(" ", command) + " failed: " + r.stderr());
        return new String[] {r.stdout(), r.stderr()};
    }

    /** What a finished command gave. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs to completion (60 s at most), whatever its exit code. */
    public static Result exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).start();
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            String out = read(p.getInputStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " timed out");
            }
            return new Result(p.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
