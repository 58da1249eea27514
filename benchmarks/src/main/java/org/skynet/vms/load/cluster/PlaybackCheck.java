package org.skynet.vms.load.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.core.server.Json;

/**
 * Plays a camera's recording back through core ({@code GET /api/cameras/{id}/playback.mp4}), which reads a
 * recorder node's segments over the node's file server: the answer must be 200, a fragmented MP4 (first box
 * {@code ftyp}) and, when Debian's ffprobe is on the PATH, decode to video frames. The file stays in the run's
 * directory for a look.
 */
final class PlaybackCheck {
    private final LocalCluster cluster;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String session;

    PlaybackCheck(LocalCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    /**
     * What one playback gave.
     *
     * @param cameraId camera played
     * @param status   HTTP status of core's answer
     * @param bytes    bytes of the answer
     * @param mp4      whether the answer opens with an {@code ftyp} box
     * @param frames   video frames ffprobe counted, -1 without ffprobe or when it complained
     * @param problem  core's error body or ffprobe's complaint, empty when none
     */
    record Result(String cameraId, int status, long bytes, boolean mp4, long frames, String problem) {
        /** A playable MP4 of more than a few frames (ffprobe's count only where ffprobe ran). */
        boolean playable() {
            return status == 200 && mp4 && bytes > 10_000 && frames != 0 && problem.isEmpty();
        }

        String toJson() {
            ObjectNode o = Json.MAPPER.createObjectNode().put("camera", cameraId).put("status", status)
                    .put("bytes", bytes).put("mp4", mp4).put("frames", frames).put("problem", problem);
            return o.toString();
        }
    }

    /** Plays {@code [from, to)} of {@code cameraId}; {@code label} names the saved file. */
    Result play(String cameraId, Instant from, Instant to, String label) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(cluster.coreUrl() + "/api/cameras/"
                + cameraId + "/playback.mp4?from=" + from + "&to=" + to)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + session()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = r.body();
        boolean mp4 = body.length >= 8 && new String(body, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp");
        if (r.statusCode() != 200) {
            return new Result(cameraId, r.statusCode(), body.length, mp4, -1,
                    new String(body, StandardCharsets.UTF_8));
        }
        Path file = dir.resolve("playback-" + label + "-" + cameraId + ".mp4");
        Files.write(file, body);
        if (!onPath("ffprobe")) {
            return new Result(cameraId, 200, body.length, mp4, -1, "");
        }
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !err.isEmpty() || !out.matches("\\d+")) {
            p.destroyForcibly();
            return new Result(cameraId, 200, body.length, mp4, -1, "ffprobe: " + out + " " + err);
        }
        return new Result(cameraId, 200, body.length, mp4, Long.parseLong(out), "");
    }

    private String session() throws IOException, InterruptedException {
        if (session == null) {
            String[] viewer = cluster.viewer();
            ObjectNode login = Json.MAPPER.createObjectNode().put("username", viewer[0]).put("password", viewer[1]);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cluster.coreUrl() + "/api/session"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(login.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("login to core as " + viewer[0] + ": HTTP " + r.statusCode() + " "
                        + r.body());
            }
            session = Json.MAPPER.readTree(r.body()).get("token").textValue();
        }
        return session;
    }

    private static boolean onPath(String tool) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, tool))) {
                return true;
            }
        }
        return false;
    }
}
