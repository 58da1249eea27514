package org.skynet.vms.core.places;

/** The editable attributes of a place; a null field is left as it is. */
public record PlaceChange(String name, String category, String district, Double requiredCoverage) {
}
