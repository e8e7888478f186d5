package dev.tidemark.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tidemark.source.RowSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RowPipeTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    private Future<Void> produce(RowPipe pipe, String prefix, int rows, boolean failAtEnd) {
        RowPipe.Producer producer = pipe.producer();
        return threads.submit(() -> {
            try {
                for (int i = 0; i < rows; i++) {
                    producer.accept(new String[] {prefix + i});
                }
                if (failAtEnd) {
                    throw new IOException("source " + prefix + " broke");
                }
                producer.finish();
            } catch (IOException e) {
                producer.fail(e);
                throw e;
            }
            return null;
        });
    }

    private Future<List<String>> consume(RowPipe pipe) {
        RowSource source = pipe.source();
        return threads.submit(() -> {
            List<String> seen = new ArrayList<>();
            for (String[] row = source.next(); row != null; row = source.next()) {
                seen.add(row[0]);
            }
            return seen;
        });
    }

    @Test
    void everyRowOfEveryProducerReachesExactlyOneConsumerAndAllConsumersSeeTheEnd() throws Exception {
        RowPipe pipe = new RowPipe(2);
        List<Future<List<String>>> consumers = List.of(consume(pipe), consume(pipe), consume(pipe));
        produce(pipe, "a", 20_000, false).get();
        produce(pipe, "b", 15_000, false).get();
        List<String> all = new ArrayList<>();
        for (Future<List<String>> consumer : consumers) {
            all.addAll(consumer.get());
        }
        assertThat(all).hasSize(35_000).doesNotHaveDuplicates().contains("a0", "a19999", "b0", "b14999");
    }

    @Test
    void aFailingProducerEndsEveryConsumerWithItsFailure() throws Exception {
        RowPipe pipe = new RowPipe(2);
        List<Future<List<String>>> consumers = List.of(consume(pipe), consume(pipe));
        Future<Void> healthy = produce(pipe, "a", 1_000_000, false);
        produce(pipe, "b", 100, true);
        for (Future<List<String>> consumer : consumers) {
            assertThatThrownBy(consumer::get).isInstanceOf(ExecutionException.class).hasMessageContaining("source b broke");
        }
        // the other producer is stopped rather than left waiting for room in the queue
        assertThatThrownBy(healthy::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void aConsumerThatGivesUpStopsTheProducersAndTheOtherConsumers() throws Exception {
        RowPipe pipe = new RowPipe(1);
        Future<List<String>> other = consume(pipe);
        Future<Void> producer = produce(pipe, "a", 10_000_000, false);
        RowSource quitter = pipe.source();
        assertThat(quitter.next()).isNotNull();
        pipe.cancel();
        assertThatThrownBy(other::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(producer::get).isInstanceOf(ExecutionException.class).hasMessageContaining("stopped loading");
    }
}
