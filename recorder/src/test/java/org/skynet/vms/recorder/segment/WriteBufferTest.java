package org.skynet.vms.recorder.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBufferTest {
    @TempDir
    Path dir;

    @Test
    void piecesLargerThanTheBufferArriveWholeAndInOrder() throws Exception {
        Random random = new Random(5);
        byte[] header = new byte[300];
        byte[] big = new byte[WriteBuffer.CAPACITY_BYTES + 12_345];
        byte[] small = new byte[4000];
        random.nextBytes(header);
        random.nextBytes(big);
        random.nextBytes(small);
        ByteBuffer headerView = ByteBuffer.wrap(header, 100, 200);
        Path file = dir.resolve("out");
        long written;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteBuffer w = WriteBuffer.start(channel);
            w.put(headerView);
            w.put(big);
            w.put(small);
            written = w.finish();
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(header, 100, 200);
        expected.write(big);
        expected.write(small);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
        assertEquals(expected.size(), written);
        assertEquals(100, headerView.position(), "the source position is not moved");
    }

    @Test
    void startingAgainForgetsWhatTheLastFileLeft() throws Exception {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        try (FileChannel a = FileChannel.open(first, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                FileChannel b = FileChannel.open(second, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteBuffer w = WriteBuffer.start(a);
            w.put(new byte[] {1, 2, 3});
            w.finish();
            w = WriteBuffer.start(b);
            w.put(new byte[] {4});
            assertEquals(1, w.finish());
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(first));
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(second));
    }
}
