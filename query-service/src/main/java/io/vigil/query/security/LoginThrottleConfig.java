package io.vigil.query.security;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Limits on password guessing ({@code vigil.login.*}, defaults below). Failures are counted per
 * user name and per client address over {@link #window}; past the slow-down mark every further
 * attempt waits longer, past the lock mark the name or address is locked for {@link #lockDuration}.
 */
@ConfigurationProperties("vigil.login")
public class LoginThrottleConfig {
    private Duration window = Duration.ofMinutes(15);
    private int slowDownAfter = 3;
    private Duration delayStep = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(5);
    private int userLockAfter = 10;
    /** Higher than per user: one address (a NAT, a jump host) may serve several people. */
    private int addressLockAfter = 30;
    private Duration lockDuration = Duration.ofMinutes(15);

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public int getSlowDownAfter() {
        return slowDownAfter;
    }

    public void setSlowDownAfter(int slowDownAfter) {
        this.slowDownAfter = slowDownAfter;
    }

    public Duration getDelayStep() {
        return delayStep;
    }

    public void setDelayStep(Duration delayStep) {
        this.delayStep = delayStep;
    }

    public Duration getMaxDelay() {
        return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    public int getUserLockAfter() {
        return userLockAfter;
    }

    public void setUserLockAfter(int userLockAfter) {
        this.userLockAfter = userLockAfter;
    }

    public int getAddressLockAfter() {
        return addressLockAfter;
    }

    public void setAddressLockAfter(int addressLockAfter) {
        this.addressLockAfter = addressLockAfter;
    }

    public Duration getLockDuration() {
        return lockDuration;
    }

    public void setLockDuration(Duration lockDuration) {
        this.lockDuration = lockDuration;
    }
}
