/**
 * What the console's map needs beyond the coverage API: its settings (tile layer), district outlines and the
 * live {@code coverage} events. See {@code docs/design/coverage-map.md}.
 */
package org.skynet.vms.core.map;
