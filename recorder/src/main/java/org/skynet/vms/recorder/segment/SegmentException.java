package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.file.Path;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A segment file could not be created, written, forced or repaired; names the file. */
public class SegmentException extends VmsException {
    private static final long serialVersionUID = 1L;

    public SegmentException(String doing, Path path, IOException cause) {
        super(ErrorKind.INTERNAL, doing + " " + path + ": " + cause.getMessage(), cause);
    }
}
