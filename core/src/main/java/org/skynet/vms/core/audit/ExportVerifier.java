package org.skynet.vms.core.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks an export of {@link AuditExport} on its own: every line carries the hash of its content, the
 * seqs follow each other and each line links to the hash of the line before. The first line's link
 * cannot be checked within the file; compare it (or the last hash) with the live log, or with an
 * earlier export, to tie the file to the log.
 */
public final class ExportVerifier {
    private ExportVerifier() {
    }

    /** Verifies the lines of an export; a line that is not an export line is reported as inserted. */
    public static VerifyResult verify(BufferedReader lines) throws IOException {
        ChainWalk walk = null;
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            ChainedEntry e;
            try {
                e = AuditExport.parse(line);
            } catch (IOException | RuntimeException bad) {
                long count = walk == null ? 0 : walk.count();
                return new VerifyResult(count, 0, Optional.of(new ChainBreak(0, ChainBreak.Kind.INSERTED,
                        "line " + number + " is not an audit export line")));
            }
            if (walk == null) {
                walk = new ChainWalk(e.seq() == null ? 1 : e.seq(), e.prevHash() == null ? AuditChain.GENESIS : e.prevHash());
            }
            Optional<ChainBreak> broken = walk.accept(e);
            if (broken.isPresent()) {
                return new VerifyResult(walk.count(), 0, broken);
            }
        }
        return new VerifyResult(walk == null ? 0 : walk.count(), 0, Optional.empty());
    }
}
