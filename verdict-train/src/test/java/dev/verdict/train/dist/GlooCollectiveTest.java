package dev.verdict.train.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two ranks in two child JVMs over Gloo on localhost: results, gradient averaging, and failures. */
class GlooCollectiveTest {
    @TempDir
    Path dir;

    @Test
    void collectivesAndAveragedGradientsMatchOneProcess() throws Exception {
        try (ChildJvms jvms = ChildJvms.start(dir, 2, DistWorker.class, Map.of(DistOptions.TIMEOUT_ENV, "60"), "ops")) {
            for (int r = 0; r < 2; r++) {
                ChildJvms.Result res = jvms.await(r, 120);
                String out = res.output();
                assertEquals(0, res.code(), "rank " + r + ":\n" + out);
                assertTrue(out.contains("allreduce [3.0, 0.30000000000000004, 2.000000000000001E15]"), out);
                assertTrue(out.contains("broadcast 7.0 11.0"), out);
                assertTrue(out.contains("barrier passed"), out);
                assertTrue(out.contains("visualgrad true 0.0"), out);
                assertTrue(number(out, "graddiff") < 1e-6, out);
                assertTrue(number(out, "paramdiff") < 1e-6, out);
                assertTrue(number(out, "crossrank") < 1e-6, out);
                assertTrue(out.contains("done"), out);
            }
        }
    }

    @Test
    void aRankThatExitsIsNamedByTheOther() throws Exception {
        try (ChildJvms jvms =
                ChildJvms.start(dir, 2, DistWorker.class, Map.of(DistOptions.TIMEOUT_ENV, "20"), "exit-early", "1")) {
            assertEquals(3, jvms.await(1, 60).code());
            long start = System.nanoTime();
            ChildJvms.Result r0 = jvms.await(0, 30);
            assertEquals(1, r0.code(), r0.output());
            assertTrue(System.nanoTime() - start < 20e9, "rank 0 should fail well before the 20 s timeout");
            assertTrue(
                    r0.output().contains("rank 1 did not reach 'step 2: gradient all-reduce' (it exited or is stuck"),
                    r0.output());
            assertTrue(r0.output().contains("last seen at 'step 1: loss all-reduce'"), r0.output());
            assertTrue(r0.output().contains("missing [1]"), r0.output());
        }
    }

    @Test
    void losingTheStoreHostNamesRankZero() throws Exception {
        try (ChildJvms jvms =
                ChildJvms.start(dir, 2, DistWorker.class, Map.of(DistOptions.TIMEOUT_ENV, "20"), "exit-early", "0")) {
            assertEquals(3, jvms.await(0, 60).code());
            ChildJvms.Result r1 = jvms.await(1, 30);
            assertEquals(1, r1.code(), r1.output());
            assertTrue(r1.output().contains("rank 0 did not reach 'step 2: gradient all-reduce'"), r1.output());
            assertTrue(r1.output().contains("missing [0]"), r1.output());
        }
    }

    @Test
    void aStalledRankTimesOutWithItsName() throws Exception {
        try (ChildJvms jvms =
                ChildJvms.start(dir, 2, DistWorker.class, Map.of(DistOptions.TIMEOUT_ENV, "3"), "stuck")) {
            ChildJvms.Result r0 = jvms.await(0, 60);
            assertEquals(1, r0.code(), r0.output());
            assertTrue(r0.output().contains("rank 1 did not reach 'step 2: after rollouts' within 3 s"), r0.output());
            assertTrue(r0.output().contains("last seen at 'step 1: start'"), r0.output());
            assertTrue(jvms.process(1).isAlive(), "the stalled rank is still running (the test then stops it)");
        }
    }

    @Test
    void aRankThatNeverJoinsIsNamedAtTheRendezvous() throws Exception {
        try (ChildJvms jvms =
                ChildJvms.startRanks(dir, 2, 1, DistWorker.class, Map.of(DistOptions.TIMEOUT_ENV, "3"), "ops")) {
            ChildJvms.Result r0 = jvms.await(0, 60);
            assertEquals(1, r0.code(), r0.output());
            assertTrue(r0.output().contains("rank 1 did not reach 'rendezvous' within 3 s"), r0.output());
            assertTrue(r0.output().contains("(never joined)"), r0.output());
        }
    }

    private static double number(String out, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + " (\\S+)").matcher(out);
        assertTrue(m.find(), key + " missing in\n" + out);
        double v = Double.parseDouble(m.group(1));
        while (m.find()) {
            v = Math.max(v, Double.parseDouble(m.group(1)));
        }
        return v;
    }
}
