package dev.verdict.train.curate;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Running counts of a distill or curate run, shared by the worker threads. */
final class Tally {
    private final SortedMap<Integer, Integer> attempts = new TreeMap<>();
    private int failed;
    private int kept;

    /** Counts one judged pair, written ({@code keep}) or not to the main output; returns the running counts. */
    synchronized String add(Attempts a, boolean keep) {
        if (a.ok()) {
            attempts.merge(a.attempts(), 1, Integer::sum);
        } else {
            failed++;
        }
        if (keep) {
            kept++;
        }
        return "attempts " + attempts + ", failed " + failed + ", kept " + kept;
    }

    synchronized RunSummary summary(String task, int items, int skipped, int errors, long start, List<Path> outputs) {
        return new RunSummary(
                task, items, skipped, attempts, failed, errors, kept, (System.nanoTime() - start) / 1e9, outputs);
    }
}
