package dev.backprop.limits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Admits computations through a bounded pool: at most {@code workers} (one per core by default)
 * run at once, on the request's own thread, so there is no hand-off; at most
 * {@code queue-capacity} more wait, each for at most {@code queue-timeout}. Any other is refused
 * at once with 503 and {@code Retry-After}: the work in progress never piles up without bound,
 * and neither does the memory of the requests waiting for it.
 */
@Component
public class ComputeGate {

    private final Semaphore workers;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int queueCapacity;
    private final long queueTimeoutNanos;
    private final long retryAfterSeconds;

    public ComputeGate(LimitsProperties limits) {
        LimitsProperties.Concurrency concurrency = limits.concurrency();
        // fair: of the computations waiting, the one that has waited longest is admitted first
        this.workers = new Semaphore(concurrency.effectiveWorkers(), true);
        this.queueCapacity = concurrency.queueCapacity();
        this.queueTimeoutNanos = concurrency.queueTimeout().toNanos();
        this.retryAfterSeconds = Math.max(1, concurrency.retryAfter().toSeconds());
    }

    /**
     * Runs a computation once a worker is free.
     *
     * @throws OverloadedException when the queue is full or the wait times out
     */
    public <T> T run(Supplier<T> computation) {
        admit();
        try {
            return computation.get();
        } finally {
            workers.release();
        }
    }

    private void admit() {
        // A worker free right now is taken, even ahead of a request already waiting: the one just
        // released is still on its way to the head of the queue, which would otherwise park every
        // request that arrives meanwhile and wake each in turn, a convoy that lasts as long as the
        // load (with async-profiler, the worked example's time in the service fell from 9.6 to 3.4
        // µs and in the kernel from 13.1 to 7.7 µs, docs/performance.md). Those that wait are
        // admitted among themselves in the order they came; one may lose a freed worker to a
        // request arriving in that instant, and waits on.
        if (workers.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > queueCapacity) {
            waiting.decrementAndGet();
            throw overloaded("every worker is busy and " + queueCapacity + " requests are already waiting");
        }
        boolean admitted;
        try {
            admitted = workers.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw overloaded("the request was interrupted while it waited for a worker");
        } finally {
            waiting.decrementAndGet();
        }
        if (!admitted) {
            throw overloaded("no worker became free in time");
        }
    }

    private OverloadedException overloaded(String why) {
        return new OverloadedException(
                "The service is saturated (" + why + "); retry after " + retryAfterSeconds
                        + " s, or on another replica",
                retryAfterSeconds);
    }
}
