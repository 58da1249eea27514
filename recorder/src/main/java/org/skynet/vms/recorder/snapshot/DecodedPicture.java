package org.skynet.vms.recorder.snapshot;

/**
 * What a snapshot decode yields.
 *
 * @param width width of the decoded picture in pixels
 * @param height height of the decoded picture in pixels
 * @param luma luma statistics (computed on the thumbnail-sized picture, see {@link KeyframeDecoder})
 * @param thumbnailJpeg a baseline JPEG at most {@link KeyframeDecoder#thumbnailMaxWidth()} wide; the
 *     array is owned by this record
 */
public record DecodedPicture(int width, int height, LumaStats luma, byte[] thumbnailJpeg) {

    @Override
    public String toString() {
        return "DecodedPicture[" + width + "x" + height + " luma mean " + Math.round(luma.mean()) + " sd "
                + Math.round(luma.stdDev()) + ", thumbnail " + thumbnailJpeg.length + " B]";
    }
}
