package org.skynet.vms.core.places.report;

import java.time.LocalDate;

/**
 * The rate of one UTC day in one mode, for the city or one district.
 *
 * @param rate placesCovered / placesTotal
 */
public record RatePoint(LocalDate day, String mode, int placesCovered, int placesTotal, double rate) {
}
