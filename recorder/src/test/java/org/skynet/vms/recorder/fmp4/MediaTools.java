package org.skynet.vms.recorder.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's ffprobe and ffmpeg on files we wrote: tools we did not write are the judges. When
 * they are missing, tests are skipped, unless env {@code CI=true}, where that is a failure.
 */
public final class MediaTools {
    private static final long TIMEOUT_SECONDS = 60;
    private static Boolean available;

    /** What a tool run printed. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    private MediaTools() {
    }

    /** Skips the calling test (or fails it on CI) when ffmpeg or ffprobe is missing. */
    public static void assumeAvailable() {
        if (available == null) {
            available = works("ffmpeg") && works("ffprobe");
        }
        if (!available) {
            String msg = "ffmpeg/ffprobe not found on PATH (apt-get install -y ffmpeg)";
            if ("true".equals(System.getenv("CI"))) {
                fail(msg + "; required when CI=true");
            }
            Assumptions.abort(msg + "; skipping");
        }
    }

    /**
     * {@code ffprobe -v error -show_streams -count_frames -show_format FILE}: fails on any error output,
     * returns the {@code key=value} lines of the (only) stream and the format, format keys prefixed
     * {@code format.}.
     */
    public static Map<String, String> probe(Path file) {
        Run r = run(List.of("ffprobe", "-v", "error", "-show_streams", "-count_frames", "-show_format",
                file.toString()));
        assertEquals(0, r.exitCode(), () -> "ffprobe failed on " + file + ": " + r.stderr());
        assertEquals("", r.stderr(), () -> "ffprobe complained about " + file);
        Map<String, String> out = new HashMap<>();
        String prefix = "";
        for (String line : r.stdout().split("\n")) {
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

    /** {@code ffmpeg -v error -i FILE -f null -}: asserts a clean decode with no output at all. */
    public static void assertDecodesCleanly(Path file) {
        Run r = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"));
        assertEquals(0, r.exitCode(), () -> "ffmpeg failed on " + file + ": " + r.stderr());
        assertTrue(r.stdout().isEmpty() && r.stderr().isEmpty(),
                () -> "ffmpeg reported problems decoding " + file + ":\n" + r.stdout() + r.stderr());
    }

    /** Runs a command to completion with a deadline, capturing both outputs. */
    public static Run run(List<String> command) {
        try {
            Path err = Files.createTempFile("tool", ".err");
            Path out = Files.createTempFile("tool", ".out");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(command)).redirectOutput(out.toFile())
                        .redirectError(err.toFile()).start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(command.get(0) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }

    private static boolean works(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
