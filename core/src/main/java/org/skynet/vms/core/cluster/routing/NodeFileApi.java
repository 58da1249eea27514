package org.skynet.vms.core.cluster.routing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.playback.ByteRange;

/**
 * {@code GET /api/node/files?root=R&path=P} on a recorder node: bytes of a segment or clip file under one
 * of the node's storage roots, for core only (the cluster token, see {@link NodeFileServer}). Answers
 * {@code 206} with {@code Content-Range} for a {@code Range} request, {@code 200} for the whole file,
 * {@code 416} beyond the end. One answer carries at most {@link #MAX_ANSWER_BYTES}: core reads big files
 * in ranges (see {@link RemoteFileChannel}), so no answer holds a whole segment in the heap.
 */
public final class NodeFileApi {
    /** The path of the route. */
    public static final String PATH = "/api/node/files";
    /** Largest body of one answer: 8 MiB. */
    public static final int MAX_ANSWER_BYTES = 8 << 20;
    /** The role the cluster principal has (see {@link ClusterAuthenticator}). */
    static final Access CORE_ONLY = Access.roles(Role.ADMIN);

    private final StorageRoots roots;

    public NodeFileApi(StorageRoots roots) {
        this.roots = roots;
    }

    public void register(ApiRouter router) {
        router.get(PATH, CORE_ONLY, this::file);
    }

    private ApiResponse file(ApiRequest req) {
        String root = req.queryParam("root").orElse(null);
        String path = req.queryParam("path").orElse(null);
        Path file = roots.resolve(root, path);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            String rangeHeader = req.headers().get(HttpHeaderNames.RANGE);
            ByteRange.Request range = ByteRange.parse(rangeHeader, size);
            if (range instanceof ByteRange.Unsatisfiable) {
                return new ApiResponse(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, null, new byte[0], Map.of())
                        .withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), "bytes */" + size);
            }
            boolean part = range instanceof ByteRange.Part;
            ByteRange r = part ? ((ByteRange.Part) range).range() : new ByteRange(0, size - 1);
            if (r.length() > MAX_ANSWER_BYTES) {
                throw VmsException.invalid("Range", "'" + path + "' has " + size + " bytes; ask for at most "
                        + MAX_ANSWER_BYTES + " bytes at a time with a Range header");
            }
            ApiResponse answer = new ApiResponse(part ? HttpResponseStatus.PARTIAL_CONTENT : HttpResponseStatus.OK,
                    "application/octet-stream", read(ch, r), Map.of())
                    .withHeader(HttpHeaderNames.ACCEPT_RANGES.toString(), "bytes");
            return part ? answer.withHeader(HttpHeaderNames.CONTENT_RANGE.toString(), r.contentRange(size)) : answer;
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "reading '" + path + "' under " + root + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(FileChannel ch, ByteRange r) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, r.length()));
        long position = r.first();
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position);
            if (n < 0) {
                throw new IOException("file ended at byte " + position + " before " + (r.last() + 1));
            }
            position += n;
        }
        return buf.array();
    }
}
