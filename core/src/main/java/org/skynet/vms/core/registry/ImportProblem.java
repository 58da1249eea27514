package org.skynet.vms.core.registry;

/**
 * One problem of an import file. {@code line} is the physical line where the CSV record starts (the
 * header is line 1), or the 0-based index in {@code features} of a GeoJSON file; {@code column} is the
 * CSV column / GeoJSON property, or null for a problem of the whole record.
 */
public record ImportProblem(int line, String column, String message) {
}
