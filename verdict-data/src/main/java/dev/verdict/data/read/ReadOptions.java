package dev.verdict.data.read;

import dev.verdict.config.With;
import java.nio.file.Path;

/**
 * How to read a file.
 *
 * @param layout the record layout, or AUTO
 * @param imageRoot folder relative image paths resolve against; null = the data file's folder
 * @param categories which category mapping benchmark layouts use
 */
public record ReadOptions(Layout layout, Path imageRoot, CategoryMapping categories) implements With<ReadOptions> {

    /** VL-RewardBench category splits ({@code spec/benchmarks.md} §1.2). */
    public enum CategoryMapping {
        /** The benchmark authors' mapping (case-insensitive id prefixes): 183 / 749 / 318. */
        OFFICIAL,
        /** The R1-Reward scripts' case-sensitive substring mapping: 484 / 448 / 318. */
        R1_SCRIPT
    }

    public static ReadOptions defaults() {
        return new ReadOptions(Layout.AUTO, null, CategoryMapping.OFFICIAL);
    }
}
