/**
 * Secrets at rest: {@link org.skynet.vms.core.secrets.SecretBox} seals camera passwords with AES-256-GCM
 * (NIST SP 800-38D) under the master key that {@link org.skynet.vms.core.secrets.MasterKey} loads from
 * {@code VMS_MASTER_KEY} or {@code <data>/master.key}. Nothing here logs a secret.
 */
package org.skynet.vms.core.secrets;
