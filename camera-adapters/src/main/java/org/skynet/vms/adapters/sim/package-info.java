/**
 * A simulated camera fleet on loopback for the demo, tests and benchmarks: each
 * {@link org.skynet.vms.adapters.sim.SimulatedCamera} answers ONVIF SOAP (device, media, events) and
 * RTSP, replaying a real H.264/H.265 clip without re-encoding, with per-camera credentials and
 * {@link org.skynet.vms.adapters.sim.Fault faults} switchable at run time. Start one with
 * {@link org.skynet.vms.adapters.sim.SimulatedFleet#start(SimConfig)}. See {@code README.md} here.
 */
package org.skynet.vms.adapters.sim;
