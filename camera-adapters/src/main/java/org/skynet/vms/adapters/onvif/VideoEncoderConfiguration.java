package org.skynet.vms.adapters.onvif;

/**
 * The part of a profile's {@code VideoEncoderConfiguration} (Media) or {@code VideoEncoder}
 * (Media2) that onboarding checks need: is the stream HD, which codec, at what rate.
 *
 * @param token the configuration token
 * @param encoding {@code H264}, {@code H265}, {@code JPEG}, {@code MPEG4}, as the device spells it
 * @param width width in pixels, 0 if not stated
 * @param height height in pixels, 0 if not stated
 * @param frameRateLimit the configured frame rate limit in frames per second, 0 if not stated
 * @param bitrateLimitKbps the configured bitrate limit in kbit/s, 0 if not stated
 */
public record VideoEncoderConfiguration(String token, String encoding, int width, int height, double frameRateLimit,
        int bitrateLimitKbps) {
}
