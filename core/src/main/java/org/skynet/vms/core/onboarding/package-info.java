/**
 * The technician's onboarding check of one camera: reachable, ONVIF answers, credentials accepted,
 * device information, profiles, main stream HD, codec H.264/H.265, frames really arrive at the profile's
 * rate, clock in sync, snapshot not black. Each check ends PASS, WARN, FAIL or SKIP with a plain-language
 * detail; the whole run is bounded by a time budget and never blocks a Netty event loop. The last report
 * of each camera is kept ({@link org.skynet.vms.core.onboarding.OnboardingStore}). See
 * {@code docs/onboarding.md} and ONVIF Profile S (device, media and streaming requirements).
 */
package org.skynet.vms.core.onboarding;
