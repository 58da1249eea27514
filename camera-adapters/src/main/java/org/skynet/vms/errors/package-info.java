/**
 * The error model shared by every module: {@link org.skynet.vms.errors.VmsException} with an
 * {@link org.skynet.vms.errors.ErrorKind} that tells retriable failures from fatal ones.
 */
package org.skynet.vms.errors;
