package org.skynet.vms.recorder.clips;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.recorder.ingest.IngestConsumer;

/**
 * One camera's pre-roll buffer and event clips, as a consumer of its ingest session.
 *
 * <p>Every unit goes into the {@link PreRollBuffer}. A {@link #trigger} when no clip is being recorded
 * opens a clip: the buffered units from the keyframe nearest to {@code at − preRoll} go out first, then
 * live units until {@code at + postRoll}. A trigger while a clip is being recorded extends it to
 * {@code at + postRoll} (never shortens it). One file never spans more than {@code maxClip} from its
 * start: a clip still wanted then ends there and goes on in a new clip for the same trigger, starting
 * at the newest buffered keyframe (so the two overlap by less than one GOP, rather than leaving a gap).
 * A broken stream ends the clip and empties the buffer. All times are arrival times on our clock, the
 * clock triggers are stamped with; the files' own timelines come from the stream as for segments.
 *
 * <p>Threading: one lock; units come from the event loop, triggers from any thread. The work under
 * the lock is in memory only (units are handed to the {@link ClipOutput}).
 */
public final class ClipAssembler implements IngestConsumer {
    /** What a trigger did. */
    public enum Outcome {
        /** A new clip was opened. */
        STARTED,
        /** The clip being recorded was extended to cover it. */
        EXTENDED
    }

    /**
     * The answer to a trigger.
     *
     * @param outcome    new or extended clip
     * @param clipStart  arrival time of the clip's first unit (its pre-roll), or the trigger time when
     *                   nothing was buffered yet
     * @param clipEnd    when the clip is due to end by now (later triggers may extend it)
     */
    public record Triggered(Outcome outcome, Instant clipStart, Instant clipEnd) {
    }

    private static final class Clip {
        final ClipTrigger trigger;
        final ClipOutput output;
        final Instant start;
        final Instant limit;
        /** The end the triggers ask for; the file ends at {@link #endsAt()}. */
        Instant wanted;

        Clip(ClipTrigger trigger, ClipOutput output, Instant start, Instant limit, Instant wanted) {
            this.trigger = trigger;
            this.output = output;
            this.start = start;
            this.limit = limit;
            this.wanted = wanted;
        }

        Instant endsAt() {
            return wanted.isAfter(limit) ? limit : wanted;
        }
    }

    private final String cameraId;
    private final ClipConfig config;
    private final ClipOutput.Factory outputs;
    private final PreRollBuffer buffer;
    private Clip clip;

    public ClipAssembler(String cameraId, ClipConfig config, ClipOutput.Factory outputs) {
        this.cameraId = cameraId;
        this.config = config;
        this.outputs = outputs;
        this.buffer = new PreRollBuffer(config.preRoll(), config.preRollMaxBytes());
    }

    /** Event loop; never blocks. */
    @Override
    public synchronized void accept(AccessUnit unit, Instant arrival) {
        if (clip != null && !arrival.isBefore(clip.endsAt())) {
            endOrContinue(arrival);
        }
        buffer.add(unit, arrival);
        if (clip != null) {
            clip.output.accept(unit, arrival);
        }
    }

    /**
     * Records a clip around {@code trigger.at()}, or extends the one being recorded. Any thread; never
     * blocks. A trigger while the stream is down opens a clip that begins at the next keyframe.
     */
    public synchronized Triggered trigger(ClipTrigger trigger) {
        Instant wanted = trigger.at().plus(config.postRoll());
        if (clip != null) {
            if (wanted.isAfter(clip.wanted)) {
                clip.wanted = wanted;
            }
            return new Triggered(Outcome.EXTENDED, clip.start, clip.endsAt());
        }
        clip = open(trigger, buffer.from(trigger.at().minus(config.preRoll())), trigger.at(), wanted);
        return new Triggered(Outcome.STARTED, clip.start, clip.endsAt());
    }

    /** Whether a clip is being recorded. */
    public synchronized boolean recording() {
        return clip != null;
    }

    /** Sample bytes in the pre-roll buffer now. */
    public synchronized long preRollBytes() {
        return buffer.sizeBytes();
    }

    /** Ends the clip being recorded, if any, and empties the buffer: what follows is a new stream. */
    @Override
    public synchronized void streamEnded(Instant now) {
        if (clip != null) {
            clip.output.end();
            clip = null;
        }
        buffer.clear();
    }

    /** Ends the clip being recorded, if any; completes when its file is closed. */
    @Override
    public synchronized CompletableFuture<Void> close() {
        CompletableFuture<Void> done = clip == null ? CompletableFuture.completedFuture(null) : clip.output.end();
        clip = null;
        buffer.clear();
        return done;
    }

    private void endOrContinue(Instant now) {
        Clip ending = clip;
        clip = null;
        ending.output.end();
        if (ending.wanted.isAfter(now)) {
            clip = open(ending.trigger, buffer.fromNewestKeyframe(), now, ending.wanted);
        }
    }

    /**
     * Opens a clip and hands it {@code preRoll}; it starts at the first of those units, or at
     * {@code fallbackStart} when there are none.
     */
    private Clip open(ClipTrigger trigger, List<PreRollBuffer.Entry> preRoll, Instant fallbackStart, Instant wanted) {
        ClipOutput output = outputs.open(cameraId, trigger);
        preRoll.forEach(e -> output.accept(e.unit(), e.arrival()));
        Instant start = preRoll.isEmpty() ? fallbackStart : preRoll.get(0).arrival();
        return new Clip(trigger, output, start, start.plus(config.maxClip()), wanted);
    }
}
