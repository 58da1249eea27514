package org.skynet.vms.core.registry;

/**
 * One camera read from an import file, with where it came from (see {@link ImportProblem#line()}) and
 * whether it was checked already: parsers check every row as they read it and report its problems
 * themselves; rows built by code ({@link #of}) are checked on import.
 */
public record ImportRow(int line, CameraDraft draft, Check check) {
    /** Whether and how a row was validated. */
    public enum Check {
        /** Not validated yet: the import validates it. */
        UNCHECKED,
        /** Validated without problems. */
        VALID,
        /** Has problems that were already reported; used only to find repeated ids. */
        INVALID
    }

    /** A row built by code rather than parsed: it is validated on import. */
    public static ImportRow of(int line, CameraDraft draft) {
        return new ImportRow(line, draft, Check.UNCHECKED);
    }
}
