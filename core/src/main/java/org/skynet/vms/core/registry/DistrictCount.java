package org.skynet.vms.core.registry;

/** How many cameras are registered in one district. */
public record DistrictCount(String district, long cameras) {
}
