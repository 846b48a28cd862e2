package dev.backprop.limits;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks at start-up that the worst case fits the heap: every request thread holding a request
 * of {@code max-numbers} numbers at about {@value #BYTES_PER_NUMBER} bytes each (the numbers, the
 * array that grows while they are read, the answer and the layout's copies), plus a baseline for
 * the application itself. Warns, naming what to change, when it does not.
 */
@Component
public class HeapBudget {

    static final long BYTES_PER_NUMBER = 24;
    static final long BASELINE_BYTES = 200L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HeapBudget.class);

    public HeapBudget(LimitsProperties limits, @Value("${server.tomcat.threads.max:200}") int threads) {
        long worstCase = worstCase(threads, limits.compute().maxNumbers());
        long heap = Runtime.getRuntime().maxMemory();
        if (worstCase > heap) {
            log.warn(
                    "The worst case of {} request threads × {} numbers × {} B + {} MiB baseline is {} MiB, more than the "
                            + "{} MiB heap: raise -Xmx (or the container's memory), or lower BACKPROP_THREADS or "
                            + "backprop.limits.compute.max-numbers",
                    threads,
                    limits.compute().maxNumbers(),
                    BYTES_PER_NUMBER,
                    BASELINE_BYTES >> 20,
                    worstCase >> 20,
                    heap >> 20);
        } else {
            log.info(
                    "Worst-case heap {} MiB of {} MiB ({} request threads × {} numbers)",
                    worstCase >> 20,
                    heap >> 20,
                    threads,
                    limits.compute().maxNumbers());
        }
    }

    static long worstCase(int threads, long maxNumbers) {
        return threads * BYTES_PER_NUMBER * maxNumbers + BASELINE_BYTES;
    }
}
