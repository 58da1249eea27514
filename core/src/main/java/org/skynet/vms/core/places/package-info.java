/**
 * Places (public areas whose camera coverage is measured) as stored, and the coverage service that keeps a
 * {@link org.skynet.vms.core.coverage.CoverageEngine} per mode current from the stored places, the camera
 * registry and the health monitor.
 */
package org.skynet.vms.core.places;
