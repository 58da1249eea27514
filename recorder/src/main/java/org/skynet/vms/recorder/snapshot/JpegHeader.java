package org.skynet.vms.recorder.snapshot;

/**
 * Reads the picture size from a JPEG's start-of-frame segment (ITU-T T.81 B.2.2) without decoding,
 * so a large snapshot can be decoded at reduced resolution (libavcodec's {@code lowres}). Bounded: it
 * walks the marker segments up to the start of scan and never reads past the array.
 */
final class JpegHeader {
    private JpegHeader() {
    }

    /** {@code {width, height}} from the first SOFn segment, or {@code null} when there is none. */
    static int[] size(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return null;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xff) {
                return null;
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xd8 || marker == 0x01 || marker >= 0xd0 && marker <= 0xd7) {
                pos += 2;
                continue;
            }
            if (marker == 0xda || marker == 0xd9) {
                return null;
            }
            int length = (jpeg[pos + 2] & 0xff) << 8 | jpeg[pos + 3] & 0xff;
            boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (sof && length >= 7 && pos + 9 <= jpeg.length) {
                int height = (jpeg[pos + 5] & 0xff) << 8 | jpeg[pos + 6] & 0xff;
                int width = (jpeg[pos + 7] & 0xff) << 8 | jpeg[pos + 8] & 0xff;
                return new int[] {width, height};
            }
            if (length < 2) {
                return null;
            }
            pos += 2 + length;
        }
        return null;
    }

    /**
     * The libavcodec {@code lowres} factor (0..3: decode at 1/2^k size) that still gives a picture at
     * least {@code minWidth} wide, for a JPEG {@code width} wide.
     */
    static int lowres(int width, int minWidth) {
        int k = 0;
        while (k < 3 && width >> (k + 1) >= minWidth) {
            k++;
        }
        return k;
    }
}
