package dev.verdict.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;

/** Wall-clock medians and process memory readings for benchmarks. */
final class Timing {
    private Timing() {}

    /** Runs {@code body} {@code warmup} times untimed, then {@code runs} times; returns the median seconds. */
    static double median(int warmup, int runs, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            body.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    /** Current resident set size in bytes (VmRSS: anonymous and file-backed pages, mapped weights included). */
    static long rss() {
        long v = status("VmRSS:");
        return v >= 0 ? v : Pointer.physicalBytes();
    }

    /** Peak resident set size of this process (VmHWM) in bytes, or -1 when unavailable. */
    static long peakRss() {
        return status("VmHWM:");
    }

    private static long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Resets the peak RSS counter (Linux: write 5 to clear_refs), best effort. */
    static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | SecurityException e) {
            // not Linux or not permitted: the peak then counts from process start
        }
    }

    static String mb(long bytes) {
        return String.format("%,.0f MB", bytes / 1e6);
    }
}
