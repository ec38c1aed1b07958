package io.vigil.query.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Limits on password guessing ({@code vigil.login.*}, defaults below). Attempts are counted per
 * user name, per (user name, address) and per address over {@link #window}; past the slow-down
 * mark every further attempt for the name (or from the address) waits longer; past the lock marks
 * the (name, address) pair or the address is locked for {@link #lockDuration}.
 */
@ConfigurationProperties("vigil.login")
public class LoginThrottleConfig {
    private Duration window = Duration.ofMinutes(15);
    private int slowDownAfter = 3;
    private Duration delayStep = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(5);
    /** Failures of one user name from one address that lock that pair (never the name everywhere). */
    private int userLockAfter = 10;
    /** Higher than per user: one address (a NAT, a jump host) may serve several people. */
    private int addressLockAfter = 30;

    private Duration lockDuration = Duration.ofMinutes(15);
    /** Password checks (bcrypt, ~250 ms of a core each) running at once, over every client. */
    private int maxConcurrent = 4;
    /** Logins under way at once from one address; more are 429 at once. */
    private int maxConcurrentPerAddress = 2;
    /** How long a login waits for one of the {@link #maxConcurrent} slots before it is 429. */
    private Duration concurrentWait = Duration.ofSeconds(2);

    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }

    public int getMaxConcurrentPerAddress() {
        return maxConcurrentPerAddress;
    }

    public void setMaxConcurrentPerAddress(int maxConcurrentPerAddress) {
        this.maxConcurrentPerAddress = maxConcurrentPerAddress;
    }

    public Duration getConcurrentWait() {
        return concurrentWait;
    }

    public void setConcurrentWait(Duration concurrentWait) {
        this.concurrentWait = concurrentWait;
    }

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
