package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A malformed RTP or RTCP packet. Kind {@link ErrorKind#PROTOCOL}; the message carries a short hex dump. */
public class RtpException extends VmsException {
    private static final long serialVersionUID = 1L;
    private static final int DUMP_BYTES = 16;

    public RtpException(String message) {
        super(ErrorKind.PROTOCOL, message);
    }

    /** An exception about {@code packet} (read from its position), with the first bytes in hex. */
    static RtpException malformed(String what, ByteBuffer packet) {
        StringBuilder sb = new StringBuilder(what).append(" (").append(packet.remaining()).append(" bytes:");
        int n = Math.min(DUMP_BYTES, packet.remaining());
        for (int i = 0; i < n; i++) {
            sb.append(' ').append(String.format("%02x", packet.get(packet.position() + i) & 0xff));
        }
        if (packet.remaining() > n) {
            sb.append(" …");
        }
        return new RtpException(sb.append(')').toString());
    }
}
