package org.skynet.vms.core.registry;

import java.util.Comparator;
import java.util.List;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * An import refused as a whole, with every problem found (sorted by line). At most
 * {@link #MAX_LISTED} problems are carried; {@link #total()} counts them all.
 */
public final class ImportRejected extends VmsException {
    /** Cap on the problems kept, so that a file of garbage does not produce a response of garbage. */
    public static final int MAX_LISTED = 10_000;
    private static final long serialVersionUID = 1L;

    private final transient List<ImportProblem> problems;
    private final int total;

    public ImportRejected(List<ImportProblem> problems) {
        super(ErrorKind.INVALID_ARGUMENT, message(problems.size()), null, null);
        this.total = problems.size();
        this.problems = problems.stream()
                .sorted(Comparator.comparingInt(ImportProblem::line))
                .limit(MAX_LISTED)
                .toList();
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    public int total() {
        return total;
    }

    private static String message(int n) {
        String s = n + (n == 1 ? " problem" : " problems") + " in import";
        return n > MAX_LISTED ? s + " (the first " + MAX_LISTED + " are listed)" : s;
    }
}
