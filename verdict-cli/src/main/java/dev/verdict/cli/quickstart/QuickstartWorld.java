package dev.verdict.cli.quickstart;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The synthetic worlds the quickstart and the ablation benchmark can run on: the {@code verdict synth} options that
 * make the world, the run's sizes, and the folder of stage recipes (jar resources) trained on it.
 */
enum QuickstartWorld {
    /**
     * The 2 x 2 look-up world of BENCHMARKS.md item 18 (one image token per cell, three look-up kinds, the look-up
     * wording) with {@code recipes/small-world-*.yaml}: the world on which a tiny judge learns to read the image
     * within the quickstart's budget.
     */
    SMALL(
            "small",
            List.of(
                    "--kinds",
                    "lookup",
                    "--judgments",
                    "lookup",
                    "--grid",
                    "2",
                    "--image-size",
                    "56",
                    "--colours",
                    "3",
                    "--shapes",
                    "2",
                    "--min-objects",
                    "2",
                    "--max-objects",
                    "3"),
            new QuickstartPlan(8000, 300, 0, 0, 0, 0, 600, 3, "answer", 0, 0, 300)),
    /**
     * The default 4 x 4 world with every task kind and the prose wording, with {@code recipes/tiny-*.yaml}: harder
     * than a tiny judge learns in the budget (its judges stay at chance, BENCHMARKS.md items 12-17).
     */
    FULL(
            "full",
            List.of("--kinds", "all", "--judgments", "prose"),
            new QuickstartPlan(2000, 500, 0, 0, 0, 0, 200, 0, "", 0, 0, 200));

    private final String id;
    private final List<String> synthArgs;
    private final QuickstartPlan plan;

    QuickstartWorld(String id, List<String> synthArgs, QuickstartPlan plan) {
        this.id = id;
        this.synthArgs = synthArgs;
        this.plan = plan;
    }

    /** The name {@code --world} takes. */
    String id() {
        return id;
    }

    /** The {@code verdict synth} options (besides output, sizes and seed) that make this world. */
    List<String> synthArgs() {
        return synthArgs;
    }

    /** The sizes of a full run on this world. */
    QuickstartPlan plan() {
        return plan;
    }

    /** The jar resource folder of this world's stage recipes, relative to this class. */
    String recipeFolder() {
        return id + "/";
    }

    /** The world named {@code id}; an unknown name lists the known ones. */
    static QuickstartWorld of(String id) {
        for (QuickstartWorld w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown --world '" + id + "'; known: "
                + Arrays.stream(values()).map(QuickstartWorld::id).collect(Collectors.joining(", ")));
    }
}
