package dev.verdict.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StopRequestTest {
    @AfterEach
    void forget() {
        StopRequest.clear();
    }

    @Test
    void nothingHappensUntilAStopIsRequested() {
        assertFalse(StopRequest.requested());
        StopRequest.throwIfRequested("generation");
        assertTrue(StopRequest.reason().isEmpty());
    }

    @Test
    void aRequestStopsTheNextSafePointAndKeepsTheFirstReason() {
        StopRequest.request("signal");
        StopRequest.request("something later");
        assertTrue(StopRequest.requested());
        assertEquals("signal", StopRequest.reason().orElseThrow());
        StoppedException e = assertThrows(StoppedException.class, () -> StopRequest.throwIfRequested("generation"));
        assertEquals("generation stopped (signal)", e.getMessage());
    }

    @Test
    void aDeferredSectionFinishesItsWorkAndNestedSectionsCount() {
        StopRequest.request("signal");
        try (StopRequest.Section outer = StopRequest.deferred()) {
            try (StopRequest.Section inner = StopRequest.deferred()) {
                StopRequest.throwIfRequested("generation");
            }
            StopRequest.throwIfRequested("generation"); // still inside the outer section
        }
        assertThrows(StoppedException.class, () -> StopRequest.throwIfRequested("generation"));
    }

    @Test
    void aDeferredSectionIsPerThread() throws InterruptedException {
        StopRequest.request("signal");
        boolean[] threw = new boolean[1];
        try (StopRequest.Section d = StopRequest.deferred()) {
            Thread other = new Thread(() -> {
                try {
                    StopRequest.throwIfRequested("generation");
                } catch (StoppedException e) {
                    threw[0] = true;
                }
            });
            other.start();
            other.join();
        }
        assertTrue(threw[0], "another thread is not inside this thread's deferred section");
    }

    @Test
    void aStopIsFoundBehindWrappingExceptions() {
        StoppedException stop = new StoppedException("generation stopped (signal)");
        RuntimeException wrapped = new IllegalStateException("judge failed", new RuntimeException("batch", stop));
        assertSame(stop, StoppedException.in(wrapped).orElseThrow());
        assertSame(stop, assertThrows(StoppedException.class, () -> StoppedException.rethrowIfIn(wrapped)));
        StoppedException.rethrowIfIn(new IllegalStateException("an ordinary failure"));
        assertTrue(StoppedException.in(new IllegalStateException("x")).isEmpty());
    }

    @Test
    void theGracePeriodComesFromTheEnvironmentOrTheDefault() {
        assertEquals(StopRequest.DEFAULT_GRACE, StopRequest.parseGrace(null));
        assertEquals(StopRequest.DEFAULT_GRACE, StopRequest.parseGrace(" "));
        assertEquals(Duration.ofSeconds(30), StopRequest.parseGrace("30"));
        for (String bad : new String[] {"-1", "ten", "1.5"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StopRequest.parseGrace(bad));
            assertTrue(e.getMessage().contains(StopRequest.GRACE_ENV)
                    && e.getMessage().contains(bad));
        }
    }
}
