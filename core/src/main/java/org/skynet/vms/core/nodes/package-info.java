/**
 * The read side of the recorder cluster for the console and the alarms: the nodes as their heartbeats left
 * them in {@code recorder_nodes}, the cameras that should be recorded but hold no live lease in
 * {@code camera_leases}, and the periodic check that raises the NODE_LOST and UNASSIGNED alarms. Nothing
 * here writes those tables. See {@code docs/design/scale-out.md}, "Nodes in the console".
 */
package org.skynet.vms.core.nodes;
