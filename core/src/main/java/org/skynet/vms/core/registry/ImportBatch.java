package org.skynet.vms.core.registry;

import java.util.List;

/** What a parser read from an import file: the rows it could read and every problem it found on the way. */
public record ImportBatch(List<ImportRow> rows, List<ImportProblem> problems) {
    public ImportBatch {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }
}
