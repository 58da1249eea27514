package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.skynet.vms.adapters.onvif.OnvifClient;
import org.skynet.vms.adapters.onvif.OnvifCredentials;
import org.skynet.vms.adapters.onvif.SoapHttpTransport;

/**
 * Probes a camera's ONVIF device service with {@code GetSystemDateAndTime} (no authentication needed):
 * proves the service answers and measures the camera's clock against ours. A clock off by more than
 * {@code maxDrift} is CLOCK_DRIFT (recordings and events would carry wrong times, and WS-Security
 * logins start failing beyond a few minutes).
 */
public final class OnvifProber implements Prober {
    private final SoapHttpTransport transport;
    private final EventLoopGroup group;
    private final Clock clock;
    private final Duration timeout;
    private final Duration maxDrift;

    public OnvifProber(EventLoopGroup group, Clock clock, Duration timeout, Duration maxDrift) {
        this.transport = new SoapHttpTransport(group, SoapHttpTransport.DEFAULT_MAX_RESPONSE_BYTES);
        this.group = group;
        this.clock = clock;
        this.timeout = timeout;
        this.maxDrift = maxDrift;
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target, int okInARow) {
        if (target.onvifUri() == null) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0, "no ONVIF URL"));
        }
        int port = target.onvifUri().getPort() < 0 ? 80 : target.onvifUri().getPort();
        String endpoint = target.onvifUri().getHost() + ":" + port;
        long start = System.nanoTime();
        CompletableFuture<ProbeResult> work;
        try {
            Optional<OnvifCredentials> creds = target.username() == null ? Optional.empty()
                    : Optional.of(new OnvifCredentials(target.username(), target.password() == null ? "" : target.password()));
            OnvifClient client = new OnvifClient(transport, target.onvifUri(), creds, clock, timeout);
            work = client.getSystemDateAndTime(clock.instant()).thenApply(sdt -> {
                long latency = Deadline.millisSince(start);
                Duration offset = sdt.clockOffset(clock.instant());
                if (offset.abs().compareTo(maxDrift) > 0) {
                    return new ProbeResult(ProbeOutcome.CLOCK_DRIFT, latency, "camera clock " + offset.abs().toSeconds()
                            + " s " + (offset.isNegative() ? "behind" : "ahead") + " (limit " + ProbeFailures.seconds(maxDrift) + ")");
                }
                return ProbeResult.ok(latency);
            });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProbeFailures.of(e, "ONVIF", endpoint, timeout, 0));
        }
        return Deadline.bound(group, timeout, work, r -> r,
                e -> ProbeFailures.of(e, "ONVIF", endpoint, timeout, Deadline.millisSince(start)),
                () -> ProbeFailures.timedOut("ONVIF", endpoint, timeout));
    }
}
