package org.skynet.vms.core.cameraevents;

/** Where one camera's event subscription stands; owned by {@link CameraSubscription}. */
public enum SubscriptionState {
    /** Waiting for a handshake slot or in GetSystemDateAndTime, GetCapabilities, CreatePullPointSubscription. */
    SUBSCRIBING,
    /** Subscribed; a PullMessages is held by the camera or about to be sent. */
    PULLING,
    /** Renew sent. */
    RENEWING,
    /** The last step failed; re-subscribing after a backoff delay. */
    BACKING_OFF,
    /** No longer watched. */
    STOPPED
}
