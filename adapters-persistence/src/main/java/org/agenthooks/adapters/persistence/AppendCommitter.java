package org.agenthooks.adapters.persistence;

import io.helidon.dbclient.DbClientException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.agenthooks.application.port.out.AppendResult;
import org.agenthooks.application.port.out.EngineMetrics;
import org.agenthooks.application.port.out.NewEvent;
import org.agenthooks.application.port.out.StorageUnavailableException;

/**
 * Group commit for {@link JdbcEventRepository#appendAll}: callers queue their appends and wait; one platform thread
 * writes queued appends, up to {@value #MAX_BATCH} unless one caller's list alone is more, in one transaction with JDBC batch inserts, commits, and only
 * then answers each caller, so an answer still means durable. Under load, appends share commits (the part that
 * waits for the disk): 32 callers averaged about 25 appends a transaction. An append on its own waits for one
 * commit, as it would anyway; nothing waits to fill a batch. What an append writes is the {@link Writer}'s.
 * <p>
 * One caller's list is a unit: always in one transaction, whole. If a shared transaction fails, its units are
 * written again one by one, each in its own transaction, so a bad append fails only its own unit; each unit is
 * written up to {@link IdempotencyKeys#WRITES_ALONE} times, as one that lost a race for its
 * idempotency key fails once and then finds the winner's key.
 */
final class AppendCommitter implements AutoCloseable {
    static final int MAX_BATCH = 200;

    private static final System.Logger LOG = System.getLogger(AppendCommitter.class.getName());

    /** Writes appends in the transaction of {@code connection}: one result each, in their order. */
    @FunctionalInterface
    interface Writer {
        List<AppendResult> write(Connection connection, List<NewEvent> appends) throws SQLException;
    }

    private record Pending(List<NewEvent> appends, CompletableFuture<List<AppendResult>> outcome) {}

    private final Database database;
    private final Writer writer;
    private final EngineMetrics metrics;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Appends queue under the read lock; closing takes the write lock, so nothing is queued after it. */
    private final ReadWriteLock gate = new ReentrantReadWriteLock();

    private final Thread committer;
    private final AtomicLong transactions = new AtomicLong();
    private volatile boolean closed;

    AppendCommitter(Database database, Writer writer, EngineMetrics metrics) {
        this.database = database;
        this.writer = writer;
        this.metrics = metrics;
        this.committer = Thread.ofPlatform().name("outbox-committer").daemon().start(this::run);
    }

    /** Blocks until the appends are committed together (or failed); safe to call from any number of threads. */
    List<AppendResult> append(List<NewEvent> appends) {
        Pending pending = new Pending(List.copyOf(appends), new CompletableFuture<>());
        gate.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the outbox is closed");
            }
            queue.add(pending);
        } finally {
            gate.readLock().unlock();
        }
        try {
            return pending.outcome().join();
        } catch (CompletionException e) {
            throw new DbClientException(
                    "could not append event " + appends.getFirst().event().id()
                            + (appends.size() > 1 ? " and " + (appends.size() - 1) + " more" : ""),
                    e.getCause());
        }
    }

    /** How many transactions appends were committed in so far. */
    long transactions() {
        return transactions.get();
    }

    /** Commits what is queued, then stops the committer thread. */
    @Override
    public void close() {
        gate.writeLock().lock();
        try {
            closed = true;
        } finally {
            gate.writeLock().unlock();
        }
        try {
            committer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int appends = first.appends().size();
                // Only this thread takes from the queue, so what it peeks at is what it polls.
                for (Pending next = queue.peek();
                        next != null && appends + next.appends().size() <= MAX_BATCH;
                        next = queue.peek()) {
                    batch.add(queue.poll());
                    appends += next.appends().size();
                }
                commit(batch, appends);
            } catch (InterruptedException e) {
                // Nobody but close() stops this thread, and close() does not interrupt it: callers are waiting.
                LOG.log(System.Logger.Level.DEBUG, "outbox committer interrupted; carrying on");
            } catch (Throwable unexpected) {
                batch.forEach(pending -> pending.outcome().completeExceptionally(unexpected));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch, int size) {
        if (batch.size() > 1) {
            try {
                List<NewEvent> appends = batch.stream()
                        .flatMap(pending -> pending.appends().stream())
                        .toList();
                List<AppendResult> results = database.inTransaction(connection -> writer.write(connection, appends));
                transactions.incrementAndGet();
                metrics.groupCommitted(size);
                int from = 0;
                for (Pending pending : batch) {
                    int to = from + pending.appends().size();
                    pending.outcome().complete(List.copyOf(results.subList(from, to)));
                    from = to;
                }
                return;
            } catch (StorageUnavailableException e) {
                // One by one would wait out the pool's timeout once per append: fail them all now (503, retry).
                batch.forEach(pending -> pending.outcome().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "a transaction of " + size + " appends failed; committing each caller's alone",
                        e);
            }
        }
        batch.forEach(this::commitAlone);
    }

    private void commitAlone(Pending pending) {
        RuntimeException failure = null;
        for (int write = 0; write < IdempotencyKeys.WRITES_ALONE; write++) {
            try {
                List<AppendResult> result =
                        database.inTransaction(connection -> writer.write(connection, pending.appends()));
                transactions.incrementAndGet();
                metrics.groupCommitted(pending.appends().size());
                pending.outcome().complete(result);
                return;
            } catch (StorageUnavailableException e) {
                failure = e;
                break;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        pending.outcome().completeExceptionally(failure);
    }
}
