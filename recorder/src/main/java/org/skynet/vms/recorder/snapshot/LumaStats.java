package org.skynet.vms.recorder.snapshot;

/**
 * Brightness statistics of a decoded picture, over its luma samples (0..255).
 *
 * @param mean mean luma
 * @param stdDev population standard deviation of luma; near 0 for a black, white or covered picture
 * @param samples how many luma samples were counted
 */
public record LumaStats(double mean, double stdDev, long samples) {

    /** Below this standard deviation a picture counts as uniform by default. */
    public static final double DEFAULT_UNIFORM_STD_DEV = 4.0;

    /**
     * Statistics of packed 24-bit BGR pixels, luma taken as Rec. 601 {@code Y = 0.299 R + 0.587 G + 0.114 B}
     * (full range: black is 0).
     *
     * @param stride bytes per row, at least {@code 3 * width}
     * @throws IllegalArgumentException when the picture is empty or the array shorter than its rows
     */
    public static LumaStats ofBgr(byte[] bgr, int width, int height, int stride) {
        if (width <= 0 || height <= 0 || stride < 3 * width
                || bgr.length < (long) stride * (height - 1) + 3L * width) {
            throw new IllegalArgumentException("array of " + bgr.length + " bytes does not hold " + width + "x"
                    + height + " BGR pixels at stride " + stride);
        }
        double sum = 0;
        double sumSquares = 0;
        for (int y = 0; y < height; y++) {
            int p = y * stride;
            for (int x = 0; x < width; x++, p += 3) {
                double luma = 0.114 * (bgr[p] & 0xff) + 0.587 * (bgr[p + 1] & 0xff) + 0.299 * (bgr[p + 2] & 0xff);
                sum += luma;
                sumSquares += luma * luma;
            }
        }
        long n = (long) width * height;
        double mean = sum / n;
        double variance = Math.max(0, sumSquares / n - mean * mean);
        return new LumaStats(mean, Math.sqrt(variance), n);
    }

    /** Whether the picture is (nearly) one flat shade: black screen, covered lens, dead sensor. */
    public boolean isUniform(double stdDevThreshold) {
        return stdDev < stdDevThreshold;
    }
}
