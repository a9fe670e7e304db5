package dev.verdict.train.curate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a distill or curate run did.
 *
 * @param task {@code distill} or {@code curate}
 * @param items pairs in the input (after the limit)
 * @param skipped pairs skipped because an earlier run already wrote them (resume)
 * @param attempts for the pairs judged right: how many needed 1, 2, ... attempts
 * @param failed pairs no attempt got right
 * @param errors pairs whose judge failed (transport, image); listed in the errors file, retried by a resume
 * @param kept pairs written to the main output
 * @param seconds wall time of the run
 * @param outputs the files written
 */
public record RunSummary(
        String task,
        int items,
        int skipped,
        SortedMap<Integer, Integer> attempts,
        int failed,
        int errors,
        int kept,
        double seconds,
        List<Path> outputs) {

    public RunSummary {
        attempts = Collections.unmodifiableSortedMap(new TreeMap<>(attempts));
        outputs = List.copyOf(outputs);
    }

    /** Pairs judged in this run (right or failed; errors excluded). */
    public int judged() {
        return attempts.values().stream().mapToInt(Integer::intValue).sum() + failed;
    }

    /** A few human-readable lines. */
    public String describe() {
        String hist = attempts.isEmpty()
                ? "none"
                : attempts.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "%s: %d item(s), %d skipped (already done), %d judged in %.1f s%n"
                        + "  right after attempts  %s%n"
                        + "  failed every attempt  %d%n"
                        + "  errors                %d%n"
                        + "  kept                  %d%n"
                        + "  wrote                 %s",
                task,
                items,
                skipped,
                judged(),
                seconds,
                hist,
                failed,
                errors,
                kept,
                outputs.stream().map(Path::toString).collect(Collectors.joining(", ")));
    }
}
