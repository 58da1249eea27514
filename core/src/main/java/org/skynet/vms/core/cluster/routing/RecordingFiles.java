package org.skynet.vms.core.cluster.routing;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.recording.ClipFiles;
import org.skynet.vms.core.recording.ClipRow;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.playback.SegmentFiles;

/**
 * Core's way to the bytes of a recording in a cluster: a segment or clip row whose {@code node_id} is
 * {@code NULL} (written by core's own recorder) is read from the local storage root as on a single
 * server; a row with a {@code node_id} is read from that node's {@code recorder_nodes.url} through
 * {@link NodeFileClient}, in ranges. One indexed lookup per opened file. A node that is not registered
 * or has no URL gives {@code 503 NODE_UNAVAILABLE} naming it. Thread-safe.
 */
public final class RecordingFiles implements SegmentFiles, ClipFiles {
    private static final String SEGMENT_NODE = "SELECT s.node_id, n.url FROM recording_segments s "
            + "LEFT JOIN recorder_nodes n ON n.node_id = s.node_id WHERE s.storage_root = ? AND s.path = ?";
    private static final String CLIP_NODE = "SELECT c.node_id, n.url, c.storage_root, c.path FROM clips c "
            + "LEFT JOIN recorder_nodes n ON n.node_id = c.node_id WHERE c.id = ?";

    private final Jdbc jdbc;
    private final NodeFileClient client;

    public RecordingFiles(Jdbc jdbc, NodeFileClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    /**
     * Routed files when {@code cluster.token} is set (core of a cluster), else empty: a single server
     * reads its local files with no lookup ({@link SegmentFiles#LOCAL}, {@link ClipFiles#LOCAL}).
     * Timeouts: {@code cluster.node-connect-timeout-millis}, {@code cluster.node-answer-timeout-millis}.
     */
    public static Optional<RecordingFiles> fromConfig(VmsConfig config, Jdbc jdbc) {
        String token = config.string("cluster.token", "");
        if (token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RecordingFiles(jdbc, new NodeFileClient(new ClusterToken(token),
                Duration.ofMillis(config.integer("cluster.node-connect-timeout-millis",
                        (int) NodeFileClient.DEFAULT_CONNECT_TIMEOUT.toMillis())),
                Duration.ofMillis(config.integer("cluster.node-answer-timeout-millis",
                        (int) NodeFileClient.DEFAULT_ANSWER_TIMEOUT.toMillis())))));
    }

    /** Where a file lives: on this machine ({@code node} {@code null}) or on a node. */
    private record Location(String nodeId, String url, String root, String path) {
    }

    @Override
    public SeekableByteChannel open(SegmentRow row) throws IOException {
        Optional<Location> where = jdbc.queryOne(SEGMENT_NODE, rs -> new Location(rs.getString(1), rs.getString(2),
                row.storageRoot(), row.path()), row.storageRoot(), row.path());
        return open(where, row.file(), "segment " + row.path());
    }

    @Override
    public SeekableByteChannel open(ClipRow clip) throws IOException {
        Optional<Location> where = jdbc.queryOne(CLIP_NODE, rs -> new Location(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), clip.id());
        return open(where, clip.file(), "clip " + clip.id());
    }

    private SeekableByteChannel open(Optional<Location> where, Path localFile, String what) throws IOException {
        if (where.isEmpty() || where.get().nodeId() == null) {
            return FileChannel.open(localFile, StandardOpenOption.READ);
        }
        Location at = where.get();
        if (at.url() == null || at.url().isBlank()) {
            throw new HttpError(HttpResponseStatus.SERVICE_UNAVAILABLE, "NODE_UNAVAILABLE", what + " is on recorder node "
                    + at.nodeId() + ", which is not registered with a URL in recorder_nodes");
        }
        return new RemoteFileChannel(client, new RecorderNode(at.nodeId(), at.url()), at.root(), at.path());
    }
}
