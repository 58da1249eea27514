package org.skynet.vms.adapters.onvif;

import java.util.Optional;

/**
 * A media profile from {@code GetProfiles} of Media (ver10) or Media2 (ver20).
 *
 * @param token the profile token used in GetStreamUri and GetSnapshotUri
 * @param name the display name, may be empty
 * @param mediaNamespace {@link OnvifNamespaces#MEDIA} or {@link OnvifNamespaces#MEDIA2}: which
 *     service the token belongs to
 * @param videoEncoder the video encoder configuration, when the profile has one
 */
public record Profile(String token, String name, String mediaNamespace,
        Optional<VideoEncoderConfiguration> videoEncoder) {
}
