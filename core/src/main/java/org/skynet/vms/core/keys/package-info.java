/**
 * Master-key rotation: {@link org.skynet.vms.core.keys.KeyRotation} re-seals every stored camera password
 * under a new key in one transaction ({@link org.skynet.vms.core.keys.CredentialReseal}) and then replaces
 * {@code <data>/master.key} atomically ({@link org.skynet.vms.core.keys.KeyFiles}). The step order and
 * what a crash at each step leaves behind are described on {@link org.skynet.vms.core.keys.KeyRotation}
 * and in {@code docs/SECURITY.md}. Nothing here logs a key or a password.
 */
package org.skynet.vms.core.keys;
