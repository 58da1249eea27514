package org.skynet.vms.core.monitor;

import java.net.URI;
import java.time.Duration;

/**
 * What the monitor needs to probe one camera. Credentials are decrypted only for the probe.
 *
 * @param cameraId  registry id
 * @param rtspUri   RTSP URL without credentials, or null
 * @param onvifUri  ONVIF device service URL, or null
 * @param username  user name, or null
 * @param password  password, or null; never logged
 * @param interval  how often to probe this camera
 */
public record ProbeTarget(String cameraId, URI rtspUri, URI onvifUri, String username, String password,
                          Duration interval) {
    @Override
    public String toString() {
        return "ProbeTarget[" + cameraId + ", rtsp=" + rtspUri + ", onvif=" + onvifUri + "]";
    }
}
