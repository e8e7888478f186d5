package dev.tidemark.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FirstRowsGateTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final FirstRowsGate gate = new FirstRowsGate();
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger mostInside = new AtomicInteger();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A load that stays inside the gate until {@code release} opens, then reports {@code rows}. */
    private Future<Long> load(CountDownLatch release, long rows) {
        return threads.submit(() -> gate.pass(() -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
                return rows;
            } finally {
                inside.decrementAndGet();
            }
        }));
    }

    @Test
    void loadsIntoAnEmptyTableRunOneAtATimeWhileTheyStoreNoRows() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<Long> first = load(release, 0);
        Future<Long> second = load(release, 0);
        Future<Long> third = load(release, 0);
        Thread.sleep(200);
        assertThat(inside.get()).isEqualTo(1);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS) + second.get(10, TimeUnit.SECONDS) + third.get(10, TimeUnit.SECONDS))
                .isZero();
        assertThat(mostInside.get()).isEqualTo(1);
    }

    @Test
    void onceALoadStoredRowsTheNextOnesRunTogether() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        assertThat(load(open, 3).get(10, TimeUnit.SECONDS)).isEqualTo(3);

        CountDownLatch release = new CountDownLatch(1);
        Future<Long> a = load(release, 1);
        Future<Long> b = load(release, 1);
        for (int i = 0; i < 100 && inside.get() < 2; i++) {
            Thread.sleep(20);
        }
        assertThat(inside.get()).isEqualTo(2);
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS) + b.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void aFailedFirstLoadLetsTheNextOneIn() throws Exception {
        Future<Long> failed = threads.submit(() -> gate.pass(() -> {
            throw new IllegalStateException("rejected");
        }));
        assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
        assertThat(load(new CountDownLatch(0), 2).get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }
}
