package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalKind;
import org.skynet.vms.adapters.media.NalSyntax;
import org.skynet.vms.adapters.media.ParameterSetTracker;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.media.WallClockSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the RTP packets of one video track into {@link AccessUnit}s; the codec-neutral half of a
 * depacketizer. Subclasses ({@code H264Depacketizer}, {@code H265Depacketizer}) only unpack their
 * payload format into NAL units through {@link #addNal}, {@link #beginNal}, {@link #appendNal} and
 * {@link #endNal}.
 *
 * <p>Access unit boundaries: a unit ends at a packet with the marker bit, or when a packet with a
 * different RTP timestamp arrives (for cameras that never set the marker).
 *
 * <p>Loss: a sequence gap damages the unit in progress and the one the packet belongs to; damaged
 * units are dropped, never delivered with holes, and after any drop delivery resumes at the next
 * keyframe. Delivery also starts at a keyframe, and only once parameter sets are known (in-band or
 * from {@link #setParameterSets}). Malformed payloads and units over the {@link DepacketizerLimits}
 * are dropped the same way. {@link #push} never throws for peer input; see {@link #stats()}.
 *
 * <p>Allocation: none per packet with {@link #parseAndPush}; per delivered unit, its data array and the record. Threading: one
 * thread at a time (the channel's event loop); the consumer is called on that thread, synchronously.
 */
public abstract class VideoDepacketizer {
    private static final Logger LOG = LoggerFactory.getLogger(VideoDepacketizer.class);
    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

    private enum Drop { NONE, LOSS, MALFORMED, OVERSIZE }

    private final NalSyntax syntax;
    private final Consumer<AccessUnit> sink;
    private final DepacketizerLimits limits;
    private final SequenceTracker sequence = new SequenceTracker();
    private final RtpTimeline timeline;
    private final ParameterSetTracker parameterSets;

    private byte[] buf = new byte[INITIAL_BUFFER_BYTES];
    private int len;
    private int nalStart = -1;
    private boolean inUnit;
    private long unitPts90k;
    private int unitPackets;
    private Drop drop = Drop.NONE;
    private String dropDetail;

    private boolean ssrcKnown;
    /** A sender report that came before the first packet (the simulator and some cameras send one first). */
    private RtcpSenderReport earlyReport;
    private long ssrc;
    private boolean awaitingKeyframe = true;
    private boolean discontinuity;
    private boolean announceParameters;
    private boolean emittedAny;

    private long packets;
    private long packetsLost;
    private long packetsDropped;
    private long packetsIgnored;
    private long framesEmitted;
    private long framesDroppedLoss;
    private long framesDroppedMalformed;
    private long framesDroppedOversize;
    private long framesSkipped;
    private long ssrcChanges;

    protected VideoDepacketizer(NalSyntax syntax, Consumer<AccessUnit> sink, DepacketizerLimits limits) {
        this.syntax = Objects.requireNonNull(syntax, "syntax");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timeline = new RtpTimeline(90_000);
        this.parameterSets = new ParameterSetTracker(syntax);
    }

    /** The codec this depacketizer handles. */
    public final Codec codec() {
        return syntax.codec();
    }

    /**
     * Installs parameter sets announced out of band, e.g. from SDP {@code sprop-parameter-sets} or
     * {@code sprop-vps/sps/pps}, so the first keyframe can be delivered even if the camera does not
     * repeat them in-band.
     *
     * @param nalUnits parameter-set NAL units (header included, no start code); other types are ignored
     * @throws BitstreamException when they do not parse; in-band sets may still arrive later
     */
    public final void setParameterSets(List<byte[]> nalUnits) {
        if (parameterSets.install(nalUnits)) {
            announceParameters = true;
        }
    }

    /** The parameters in force, or {@code null} before any valid set was seen. */
    public final VideoParameters parameters() {
        return parameterSets.current();
    }

    /** The timeline mapping this track's RTP timestamps to media and wall time. */
    public final RtpTimeline timeline() {
        return timeline;
    }

    /**
     * Anchors wall-clock time with an RTCP sender report for this track's SSRC; others are ignored. One that
     * comes before the first RTP packet is kept and applied with that packet, if of the same SSRC, so the
     * first picture already has the camera's clock.
     */
    public final void senderReport(RtcpSenderReport report) {
        if (!ssrcKnown) {
            earlyReport = report;
        } else if (report.ssrc() == ssrc) {
            timeline.senderReport(report);
        }
    }

    /**
     * Takes the next RTP packet of this track; may deliver one or two access units to the consumer.
     *
     * @param packet  the packet; its payload is read during this call only
     * @param arrival when it arrived by our clock, used as wall time until a sender report arrives;
     *                may be {@code null}
     */
    public final void push(RtpPacket packet, Instant arrival) {
        ByteBuffer payload = packet.payload();
        accept(packet.marker(), packet.sequenceNumber(), packet.timestamp(), packet.ssrc(), payload,
                payload.position(), payload.limit(), arrival);
    }

    /**
     * Parses a raw RTP packet (from {@code rtpPacket}'s position to its limit, position unchanged) and
     * pushes it, without allocating: the hot path for callers that hold the packet in a buffer.
     *
     * @throws RtpException when the RTP header is malformed; nothing is pushed then
     * @see #push(RtpPacket, Instant)
     */
    public final void parseAndPush(ByteBuffer rtpPacket, Instant arrival) {
        long bounds = RtpPacket.payloadBounds(rtpPacket);
        int pos = rtpPacket.position();
        accept((rtpPacket.get(pos + 1) & 0x80) != 0, rtpPacket.getShort(pos + 2) & 0xffff,
                rtpPacket.getInt(pos + 4) & 0xffff_ffffL, rtpPacket.getInt(pos + 8) & 0xffff_ffffL, rtpPacket,
                (int) (bounds >>> 32), (int) bounds, arrival);
    }

    private void accept(boolean marker, int sequenceNumber, long timestamp, long packetSsrc, ByteBuffer buf,
            int payloadStart, int payloadEnd, Instant arrival) {
        packets++;
        if (!ssrcKnown || packetSsrc != ssrc) {
            if (ssrcKnown) {
                ssrcChanges++;
                sequence.reset();
                lose();
            }
            ssrcKnown = true;
            ssrc = packetSsrc;
        }
        int gap = sequence.accept(sequenceNumber);
        if (gap == SequenceTracker.DROP) {
            packetsDropped++;
            return;
        }
        if (gap > 0) {
            packetsLost += gap == SequenceTracker.RESYNC ? 1 : gap;
            lose();
        }
        long pts90k = timeline.extend(timestamp, arrival);
        if (earlyReport != null) {
            senderReport(earlyReport);
            earlyReport = null;
        }
        if (inUnit && pts90k != unitPts90k) {
            finishUnit();
        }
        if (!inUnit) {
            startUnit(pts90k);
        }
        if (gap > 0) {
            damage(Drop.LOSS, "packet loss before sequence " + sequenceNumber);
        }
        if (++unitPackets > limits.maxPacketsPerAccessUnit()) {
            damage(Drop.OVERSIZE, "more than " + limits.maxPacketsPerAccessUnit() + " packets");
        }
        if (drop == Drop.NONE) {
            if (payloadStart == payloadEnd) {
                malformed("empty RTP payload");
            } else {
                depacketize(buf, payloadStart, payloadEnd);
            }
        }
        if (marker) {
            finishUnit();
        }
    }

    /**
     * Ends the access unit in progress, as if the next packet had a new timestamp (end of stream).
     * A unit that ends inside a fragmented NAL unit is dropped as malformed.
     */
    public final void flush() {
        if (inUnit) {
            finishUnit();
        }
    }

    /** A snapshot of the counters. */
    public final DepacketizerStats stats() {
        return new DepacketizerStats(packets, packetsLost, packetsDropped, packetsIgnored, framesEmitted,
                framesDroppedLoss, framesDroppedMalformed, framesDroppedOversize, framesSkipped, ssrcChanges);
    }

    /**
     * Unpacks one packet's payload, {@code buf} from absolute index {@code start} to {@code end} (at
     * least one byte), into NAL units. Must not throw for bad input: call {@link #malformed} and return.
     */
    protected abstract void depacketize(ByteBuffer buf, int start, int end);

    /** Marks the access unit in progress malformed: it will be dropped and counted. */
    protected final void malformed(String why) {
        damage(Drop.MALFORMED, why);
    }

    /** Counts a packet whose payload type the format says to ignore; the unit is not damaged. */
    protected final void ignored() {
        packetsIgnored++;
    }

    /** Whether a fragmented NAL unit is open (between {@link #beginNal} and {@link #endNal}). */
    protected final boolean nalOpen() {
        return nalStart >= 0;
    }

    /** Adds a whole NAL unit of {@code length} bytes at {@code src}'s absolute index {@code offset}. */
    protected final void addNal(ByteBuffer src, int offset, int length) {
        if (nalOpen()) {
            malformed("NAL unit starts inside a fragmented NAL unit");
            return;
        }
        if (length < syntax.headerBytes()) {
            malformed("NAL unit of " + length + " bytes is shorter than its header");
            return;
        }
        beginNal();
        appendNal(src, offset, length);
        endNal();
    }

    /**
     * Adds each NAL unit of an aggregation packet body (H.264 STAP-A, RFC 6184 §5.7.1; H.265 AP, RFC
     * 7798 §4.4.2): from absolute index {@code pos} to {@code end}, NAL units each behind a 16-bit size.
     * An empty body, a zero size or one past {@code end} marks the unit malformed.
     *
     * @param packetName the packet type as the RFC names it, for the malformed reason
     */
    protected final void addAggregated(ByteBuffer src, int pos, int end, String packetName) {
        if (pos >= end) {
            malformed("empty " + packetName);
            return;
        }
        while (pos < end) {
            if (end - pos < 2) {
                malformed(packetName + " NAL size runs past the end of the packet");
                return;
            }
            int size = src.getShort(pos) & 0xffff;
            pos += 2;
            if (size == 0 || size > end - pos) {
                malformed(packetName + " NAL of " + size + " bytes does not fit the packet");
                return;
            }
            addNal(src, pos, size);
            pos += size;
        }
    }

    /** Opens a fragmented NAL unit; follow with its header bytes via {@link #appendNalByte}. */
    protected final void beginNal() {
        if (drop != Drop.NONE) {
            return;
        }
        if (nalOpen()) {
            malformed("fragmented NAL unit starts before the previous one ended");
            return;
        }
        if (reserve(AccessUnit.LENGTH_PREFIX_BYTES)) {
            nalStart = len;
            len += AccessUnit.LENGTH_PREFIX_BYTES;
        }
    }

    /** Appends one byte to the open NAL unit. */
    protected final void appendNalByte(int b) {
        if (drop == Drop.NONE && checkOpen(1) && reserve(1)) {
            buf[len++] = (byte) b;
        }
    }

    /** Appends {@code length} bytes at {@code src}'s absolute index {@code offset} to the open NAL unit. */
    protected final void appendNal(ByteBuffer src, int offset, int length) {
        if (drop == Drop.NONE && checkOpen(length) && reserve(length)) {
            src.get(offset, buf, len, length);
            len += length;
        }
    }

    /** Closes the open NAL unit. */
    protected final void endNal() {
        if (drop != Drop.NONE) {
            return;
        }
        if (!nalOpen()) {
            malformed("end of a fragmented NAL unit that never started");
            return;
        }
        int nalLen = len - nalStart - AccessUnit.LENGTH_PREFIX_BYTES;
        if (nalLen < syntax.headerBytes()) {
            malformed("NAL unit of " + nalLen + " bytes is shorter than its header");
            return;
        }
        // A NAL unit never ends in a zero byte (rbsp_trailing_bits); zeros there are the byte stream's
        // trailing_zero_8bits, which FFmpeg's HEVC packetizer sends along. Strip them, as Annex B does.
        while (nalLen > syntax.headerBytes() && buf[len - 1] == 0) {
            len--;
            nalLen--;
        }
        buf[nalStart] = (byte) (nalLen >>> 24);
        buf[nalStart + 1] = (byte) (nalLen >>> 16);
        buf[nalStart + 2] = (byte) (nalLen >>> 8);
        buf[nalStart + 3] = (byte) nalLen;
        nalStart = -1;
    }

    private boolean checkOpen(int adding) {
        if (!nalOpen()) {
            malformed("NAL fragment without a start");
            return false;
        }
        if (len + adding - nalStart - AccessUnit.LENGTH_PREFIX_BYTES > limits.maxNalBytes()) {
            damage(Drop.OVERSIZE, "NAL unit over " + limits.maxNalBytes() + " bytes");
            return false;
        }
        return true;
    }

    private boolean reserve(int adding) {
        int needed = len + adding;
        if (needed > limits.maxAccessUnitBytes()) {
            damage(Drop.OVERSIZE, "access unit over " + limits.maxAccessUnitBytes() + " bytes");
            return false;
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(limits.maxAccessUnitBytes(), Math.max(needed, 2L * buf.length)));
        }
        return true;
    }

    private void lose() {
        if (inUnit) {
            damage(Drop.LOSS, "packet loss");
        } else if (emittedAny) {
            discontinuity = true;
        }
        awaitingKeyframe = true;
    }

    private void damage(Drop reason, String detail) {
        if (drop == Drop.NONE) {
            drop = reason;
            dropDetail = detail;
        }
    }

    private void startUnit(long pts90k) {
        inUnit = true;
        unitPts90k = pts90k;
        unitPackets = 0;
        len = 0;
        nalStart = -1;
        drop = Drop.NONE;
        dropDetail = null;
    }

    private void finishUnit() {
        inUnit = false;
        if (drop == Drop.NONE && nalOpen()) {
            malformed("access unit ends inside a fragmented NAL unit");
        }
        if (drop == Drop.NONE && len == 0) {
            malformed("access unit without NAL units");
        }
        if (drop != Drop.NONE) {
            dropped(drop, dropDetail);
            return;
        }
        boolean keyframe = scanUnit();
        if (awaitingKeyframe && !keyframe) {
            parameterSets.discard();
            skipped();
            return;
        }
        boolean changed;
        try {
            changed = parameterSets.commit();
        } catch (BitstreamException e) {
            dropped(Drop.MALFORMED, e.getMessage());
            return;
        }
        VideoParameters params = parameterSets.current();
        if (params == null) {
            skipped();
            return;
        }
        Instant wall = timeline.wallClock(unitPts90k);
        AccessUnit unit = new AccessUnit(syntax.codec(), unitPts90k, wall, keyframe, Arrays.copyOf(buf, len), params,
                changed || announceParameters, discontinuity, wall == null ? null
                        : timeline.anchoredBySenderReport() ? WallClockSource.CAMERA : WallClockSource.SERVER);
        awaitingKeyframe = false;
        discontinuity = false;
        announceParameters = false;
        emittedAny = true;
        framesEmitted++;
        sink.accept(unit);
    }

    /** Classifies the unit's NAL units: notes parameter sets, and returns whether it is a keyframe. */
    private boolean scanUnit() {
        boolean keyframe = false;
        for (int pos = 0; pos < len;) {
            int nalLen = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            int nal = pos + AccessUnit.LENGTH_PREFIX_BYTES;
            NalKind kind = syntax.kind(syntax.nalType(buf, nal));
            if (kind == NalKind.KEYFRAME_SLICE) {
                keyframe = true;
            } else {
                parameterSets.observe(kind, buf, nal, nalLen);
            }
            pos = nal + nalLen;
        }
        return keyframe;
    }

    private void dropped(Drop reason, String detail) {
        switch (reason) {
            case LOSS:
                framesDroppedLoss++;
                break;
            case OVERSIZE:
                framesDroppedOversize++;
                break;
            default:
                framesDroppedMalformed++;
                break;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} ssrc {}: dropped access unit at pts90k {}: {}", syntax.codec(), Long.toHexString(ssrc),
                    unitPts90k, detail);
        }
        parameterSets.discard();
        awaitingKeyframe = true;
        markDiscontinuity();
    }

    private void skipped() {
        framesSkipped++;
        awaitingKeyframe = true;
        markDiscontinuity();
    }

    private void markDiscontinuity() {
        if (emittedAny) {
            discontinuity = true;
        }
    }
}
