package org.skynet.vms.recorder.snapshot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Packed BGR pixels to a baseline JPEG with the JDK's encoder (no native code, no AWT display). */
final class Thumbnails {
    static {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        ImageIO.setUseCache(false);
    }

    private Thumbnails() {
    }

    static byte[] jpeg(byte[] bgr, int width, int height, int stride) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < height; y++) {
            System.arraycopy(bgr, y * stride, dst, y * width * 3, width * 3);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 4);
        try {
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IllegalStateException("the JDK has no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
