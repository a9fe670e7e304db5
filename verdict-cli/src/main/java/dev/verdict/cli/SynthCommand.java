package dev.verdict.cli;

import dev.verdict.data.synth.Backdrop;
import dev.verdict.data.synth.Judgments;
import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.TaskKind;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verdict synth}: writes a synthetic multimodal world data set (layout in docs/data.md). */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = "Write a synthetic multimodal preference data set: rendered images, judge pairs, teacher"
                + " judgments, the R1-Reward training layout, pretraining data and a word-level tokenizer.")
public final class SynthCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--train", defaultValue = "2000", description = "Training pairs (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "500", description = "Test pairs (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--pretrain", description = "Pretraining images (default: the same as --train).")
    Integer pretrain;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--image-size",
            defaultValue = "112",
            description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(
            names = "--grid",
            defaultValue = "4",
            description = "Grid cells per side; one object per cell (default: ${DEFAULT-VALUE}).")
    int grid;

    @Option(
            names = "--colours",
            defaultValue = "4",
            description = "Number of colours, 2..6 (default: ${DEFAULT-VALUE}).")
    int colours;

    @Option(names = "--shapes", defaultValue = "3", description = "Number of shapes, 2..4 (default: ${DEFAULT-VALUE}).")
    int shapes;

    @Option(
            names = "--min-objects",
            defaultValue = "3",
            description = "Fewest objects per image (default: ${DEFAULT-VALUE}).")
    int minObjects;

    @Option(
            names = "--max-objects",
            defaultValue = "8",
            description = "Most objects per image (default: ${DEFAULT-VALUE}).")
    int maxObjects;

    @Option(
            names = "--max-delta",
            defaultValue = "2",
            description = "Largest gap between the right and the wrong number; 1 = hardest near misses"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxDelta;

    @Option(
            names = "--backdrop",
            defaultValue = "tiled",
            description = "What lies behind the objects: tiled (each cell tinted by its row and column, so image"
                    + " tokens carry their position) or flat (one grey) (default: ${DEFAULT-VALUE}).")
    String backdrop;

    @Option(
            names = "--kinds",
            defaultValue = "all",
            description =
                    "Judge item kinds, comma-separated, at least one per category: count, cell_colour, cell_shape,"
                            + " bar_height, shape_colour (perception); exists, describe, shape_exists (hallucination); sum,"
                            + " minus, bar_diff, same_colour (reasoning); or all, or lookup (shape_colour, shape_exists,"
                            + " same_colour) (default: ${DEFAULT-VALUE}).")
    String kinds;

    @Option(
            names = "--judgments",
            defaultValue = "prose",
            description = "How the rule teacher words its judgments: prose (\"Response 1 says ..., which is wrong.\")"
                    + " or lookup (\"Response 1: green 1. Response 2: yellow 2. So yellow 2.\": each response quoted"
                    + " by one word, the verdict a look-up; see docs/data.md) (default: ${DEFAULT-VALUE}).")
    String judgments;

    @Override
    public Integer call() throws Exception {
        if (train < 0 || test < 0 || (pretrain != null && pretrain < 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "counts must be >= 0");
        }
        WorldConfig cfg;
        try {
            cfg = WorldConfig.of(
                    imageSize,
                    grid,
                    colours,
                    shapes,
                    minObjects,
                    maxObjects,
                    maxDelta,
                    Backdrop.of(backdrop),
                    TaskKind.parseList(kinds),
                    Judgments.of(judgments));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid world: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        int pre = pretrain == null ? train : pretrain;
        SynthWriter writer = new SynthWriter(new World(cfg, seed), line -> {
            err.println("synth: " + line);
            err.flush();
        });
        SynthWriter.Summary s = writer.write(out, train, test, pre);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(
                "wrote %d train + %d test pairs, %d pretraining items, %d images to %s in %.1f s%n",
                s.train(), s.test(), s.pretrain(), s.images(), out, s.millis() / 1000.0);
        o.flush();
        return 0;
    }
}
