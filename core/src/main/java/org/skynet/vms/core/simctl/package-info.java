/**
 * The control endpoint of a simulated camera fleet: list cameras and switch faults at run time
 * (loopback only), used by {@code vms sim}, the demo, tests and benchmarks.
 */
package org.skynet.vms.core.simctl;
