package org.skynet.vms.core.cameraevents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifEvent;
import org.skynet.vms.adapters.onvif.PullMessagesResponse;
import org.skynet.vms.adapters.onvif.PullPointSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PullPoint subscription of one camera, and the only owner of its {@link SubscriptionState}:
 * subscribe (through the {@link SubscribeGate}) → pull, pull, ... → Renew at half the granted lifetime →
 * pull ...; any failure → backoff → subscribe again. One ONVIF call is outstanding at a time, so the steps
 * run one after another on whichever event loop completed the last call; delays are event-loop timers. No
 * thread of its own.
 */
final class CameraSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(CameraSubscription.class);
    private static final Duration MIN_RENEW_AFTER = Duration.ofSeconds(1);

    private final String cameraId;
    private final OnvifClient client;
    private final CameraEventSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final SubscribeGate gate;
    private final ToIntFunction<List<OnvifEvent>> deliver;

    private volatile SubscriptionState state = SubscriptionState.SUBSCRIBING;
    private volatile String reason = "starting";
    private volatile Instant since;
    private volatile boolean stopped;
    private volatile long delivered;
    private volatile long renewals;
    private int failures;
    private volatile PullPointSubscription subscription;
    private Instant renewAt;

    /**
     * @param timer an event loop for backoff and pacing delays
     * @param deliver takes each pull's messages (all of them, unfiltered), in order; returns how many it handed on
     */
    CameraSubscription(String cameraId, OnvifClient client, CameraEventSettings settings, Clock clock,
            ScheduledExecutorService timer, SubscribeGate gate, ToIntFunction<List<OnvifEvent>> deliver) {
        this.cameraId = cameraId;
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.timer = timer;
        this.gate = gate;
        this.deliver = deliver;
        this.since = clock.instant();
    }

    void start() {
        subscribe();
    }

    /** Stops the loop and unsubscribes, best effort (the camera drops the subscription at its termination anyway). */
    void stop() {
        stopped = true;
        transition(SubscriptionState.STOPPED, "no longer watched");
        PullPointSubscription s = subscription;
        if (s != null) {
            client.unsubscribe(s).exceptionally(e -> {
                LOG.debug("{}: unsubscribe failed: {}", cameraId, cause(e).getMessage());
                return null;
            });
        }
    }

    WatchStatus status() {
        return new WatchStatus(cameraId, state, reason, since, delivered, renewals);
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        subscription = null;
        transition(SubscriptionState.SUBSCRIBING, failures == 0 ? "subscribing" : "re-subscribing");
        gate.enter(() -> {
            if (stopped) {
                gate.release();
                return;
            }
            client.getSystemDateAndTime(clock.instant())
                    .thenCompose(t -> client.getCapabilities().handle((c, e) -> {
                        if (e != null) {
                            // GetCapabilities is deprecated; without it the event service is the device URL
                            LOG.debug("{}: GetCapabilities failed, subscribing at the device URL: {}", cameraId,
                                    cause(e).getMessage());
                        }
                        return c;
                    }))
                    .thenCompose(c -> client.createPullPointSubscription(settings.lifetime()))
                    .whenComplete((s, e) -> {
                        gate.release();
                        if (e != null) {
                            failed("subscribe", e);
                        } else {
                            subscribed(s);
                        }
                    });
        });
    }

    private void subscribed(PullPointSubscription s) {
        subscription = s;
        if (stopped) {
            stop();
            return;
        }
        failures = 0;
        Duration granted = s.currentTime().isPresent() && s.terminationTime().isPresent()
                ? Duration.between(s.currentTime().get(), s.terminationTime().get()) : settings.lifetime();
        scheduleRenew(granted);
        transition(SubscriptionState.PULLING, "subscribed for " + granted.toSeconds() + " s");
        pull();
    }

    private void pull() {
        if (stopped) {
            return;
        }
        Instant start = clock.instant();
        if (!start.isBefore(renewAt)) {
            renew();
            return;
        }
        client.pullMessages(subscription, settings.pullWait(), settings.messageLimit()).whenComplete((r, e) -> {
            if (e != null) {
                failed("pull", e);
            } else {
                pulled(r, start);
            }
        });
    }

    private void pulled(PullMessagesResponse r, Instant start) {
        if (stopped) {
            return;
        }
        if (!r.messages().isEmpty()) {
            delivered += deliver.applyAsInt(r.messages());
            pull();
            return;
        }
        // Some firmwares answer an empty pull at once whatever the Timeout: pace them.
        Duration wait = settings.minPullInterval().minus(Duration.between(start, clock.instant()));
        if (wait.isNegative() || wait.isZero()) {
            pull();
        } else {
            timer.schedule(this::pull, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void renew() {
        transition(SubscriptionState.RENEWING, "renewing");
        client.renew(subscription, settings.lifetime()).whenComplete((termination, e) -> {
            if (e != null) {
                failed("renew", e);
                return;
            }
            renewals++;
            Instant deviceNow = clock.instant().plus(client.clockOffset());
            scheduleRenew(Duration.between(deviceNow, termination));
            transition(SubscriptionState.PULLING, "renewed until " + termination + " (camera clock)");
            pull();
        });
    }

    private void scheduleRenew(Duration granted) {
        Duration half = granted.dividedBy(2);
        renewAt = clock.instant().plus(half.compareTo(MIN_RENEW_AFTER) < 0 ? MIN_RENEW_AFTER : half);
    }

    private void failed(String step, Throwable e) {
        if (stopped) {
            return;
        }
        failures++;
        Duration delay = settings.backoff().delay(failures, ThreadLocalRandom.current()::nextDouble);
        String why = step + " failed: " + cause(e).getMessage() + "; retry in " + delay.toMillis() + " ms";
        LOG.debug("{}: {}", cameraId, why);
        transition(SubscriptionState.BACKING_OFF, why);
        timer.schedule(this::subscribe, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void transition(SubscriptionState to, String why) {
        if (state == SubscriptionState.STOPPED && to != SubscriptionState.STOPPED) {
            return;
        }
        if (state != to) {
            since = clock.instant();
        }
        state = to;
        reason = why;
    }

    private static Throwable cause(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
