package dev.verdict.lifecycle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A process-wide request to stop, and the shutdown hook that turns SIGINT / SIGTERM into one.
 *
 * <p>On a signal the JVM runs its shutdown hooks and then exits, running libtorch's static destructors; if the
 * main thread is still inside libtorch at that moment the process dies with SIGSEGV. The hook installed by
 * {@link #installHook} therefore only records the request and waits (up to a grace period) until the command
 * reports {@link #workFinished()}. Long loops poll {@link #requested()} at their safe points: trainers at step
 * boundaries (they write a checkpoint, then throw {@link StoppedException}), generation once per token (through
 * {@link #throwIfRequested()}), unless the caller is inside a {@link #deferred()} section.
 */
public final class StopRequest {
    /** Environment variable: seconds the shutdown hook waits for the work to reach a safe point. */
    public static final String GRACE_ENV = "VERDICT_STOP_GRACE_SECONDS";

    /** Default of {@link #GRACE_ENV}: long enough for one RL step of a 7B model on a GPU. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(300);

    private static final AtomicReference<String> REASON = new AtomicReference<>();
    private static final CountDownLatch FINISHED = new CountDownLatch(1);
    private static final ThreadLocal<int[]> DEFERRED = ThreadLocal.withInitial(() -> new int[1]);
    private static final AtomicInteger POLLING = new AtomicInteger();

    private StopRequest() {}

    /** Whether a stop was requested. */
    public static boolean requested() {
        return REASON.get() != null;
    }

    /** Why the stop was requested, when it was. */
    public static Optional<String> reason() {
        return Optional.ofNullable(REASON.get());
    }

    /** Asks running work to stop at its next safe point; the first reason given is kept. */
    public static void request(String why) {
        REASON.compareAndSet(null, why);
    }

    /** Forgets a request (for tests that request one in-process). */
    public static void clear() {
        REASON.set(null);
    }

    /**
     * Throws {@link StoppedException} if a stop was requested and this thread is not inside a {@link #deferred()}
     * section.
     *
     * @param doing what the caller was doing, for the message ("generation")
     */
    public static void throwIfRequested(String doing) {
        String why = REASON.get();
        if (why != null && DEFERRED.get()[0] == 0) {
            throw new StoppedException(doing + " stopped (" + why + ")");
        }
    }

    /**
     * A section in which {@link #throwIfRequested} does not throw on this thread: for work that must finish as a
     * whole (an RL step across data-parallel ranks) and checks {@link #requested()} itself afterwards.
     */
    public static Section deferred() {
        DEFERRED.get()[0]++;
        return () -> DEFERRED.get()[0]--;
    }

    /**
     * Declares work that polls for a stop (a training loop, an eval, a generation) for as long as the section is
     * open. The shutdown hook waits only while such work runs: a command that never polls (synth, a report)
     * exits at once on a signal instead of holding the process for the grace period.
     */
    public static Section polling() {
        POLLING.incrementAndGet();
        return POLLING::decrementAndGet;
    }

    /** Whether work that polls for a stop is running. */
    public static boolean pollingActive() {
        return POLLING.get() > 0;
    }

    /** Closes a {@link #deferred()} or {@link #polling()} section. */
    @FunctionalInterface
    public interface Section extends AutoCloseable {
        @Override
        void close();
    }

    /** Tells the shutdown hook that the command has returned: the process may exit now. */
    public static void workFinished() {
        FINISHED.countDown();
    }

    /**
     * Installs the hook that turns a signal into a stop request and holds the exit until {@link #workFinished()}
     * or until {@code grace} has passed.
     *
     * @param log where the hook says what it is doing (standard error)
     */
    public static void installHook(Duration grace, PrintStream log) {
        Thread hook = new Thread(() -> awaitSafePoint(grace, log), "verdict-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The grace period from {@link #GRACE_ENV}, or the default; a malformed value is an error naming it. */
    public static Duration graceFromEnvironment() {
        return parseGrace(System.getenv(GRACE_ENV));
    }

    static Duration parseGrace(String v) {
        if (v == null || v.isBlank()) {
            return DEFAULT_GRACE;
        }
        try {
            long s = Long.parseLong(v.trim());
            if (s < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(GRACE_ENV + " must be a whole number of seconds >= 0, got '" + v + "'");
        }
    }

    private static void awaitSafePoint(Duration grace, PrintStream log) {
        if (FINISHED.getCount() == 0) {
            return; // a normal exit: the command is done
        }
        request("signal");
        if (!pollingActive()) {
            return; // nothing will reach a safe point: exit now
        }
        log.printf(
                "%nverdict: stop requested; finishing at the next safe point (up to %d s; set %s to change)%n",
                grace.toSeconds(), GRACE_ENV);
        log.flush();
        try {
            if (!FINISHED.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.printf(
                        "verdict: the work did not reach a safe point within %d s; exiting anyway%n",
                        grace.toSeconds());
                log.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
