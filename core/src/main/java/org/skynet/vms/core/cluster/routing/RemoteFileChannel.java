package org.skynet.vms.core.cluster.routing;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a file on a recorder node, read with range requests through
 * {@link NodeFileClient}. Small reads (box headers while a segment is scanned) are served from one
 * cached block of {@link #BLOCK_BYTES}; a read at least that big goes straight into the caller's buffer
 * (at most {@link NodeFileApi#MAX_ANSWER_BYTES} per request). The file size is the one the node gave
 * with the first answer. Not thread-safe: one reader, as {@code PlaybackService} uses it.
 */
final class RemoteFileChannel implements SeekableByteChannel {
    /** Bytes fetched for a small read: a fragment's moof and the next mdat header fit (a moof is about 1 KiB). */
    static final int BLOCK_BYTES = 32 * 1024;

    private final NodeFileClient client;
    private final RecorderNode node;
    private final String root;
    private final String path;
    private long position;
    private long size = -1;
    private long blockStart;
    private byte[] block = new byte[0];
    private boolean open = true;

    RemoteFileChannel(NodeFileClient client, RecorderNode node, String root, String path) {
        this.client = client;
        this.node = node;
        this.root = root;
        this.path = path;
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        ensureOpen();
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (size >= 0 && position >= size) {
            return -1;
        }
        if (dst.remaining() >= BLOCK_BYTES) {
            NodeFileClient.Chunk c = fetch(position, Math.min(dst.remaining(), NodeFileApi.MAX_ANSWER_BYTES));
            return copy(c.bytes(), 0, dst);
        }
        if (position < blockStart || position >= blockStart + block.length) {
            block = fetch(position, BLOCK_BYTES).bytes();
            blockStart = position;
            if (block.length == 0) {
                return -1;
            }
        }
        return copy(block, (int) (position - blockStart), dst);
    }

    private NodeFileClient.Chunk fetch(long first, int length) {
        NodeFileClient.Chunk c = client.read(node, root, path, first, length);
        size = c.fileSize();
        return c;
    }

    private int copy(byte[] from, int offset, ByteBuffer dst) {
        int n = Math.min(from.length - offset, dst.remaining());
        if (n <= 0) {
            return -1;
        }
        dst.put(from, offset, n);
        position += n;
        return n;
    }

    @Override
    public long position() throws ClosedChannelException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws ClosedChannelException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    /** The file's size on the node; asks the node when nothing was read yet. */
    @Override
    public long size() throws ClosedChannelException {
        ensureOpen();
        if (size < 0) {
            block = fetch(0, BLOCK_BYTES).bytes();
            blockStart = 0;
        }
        return size;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        block = new byte[0];
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
