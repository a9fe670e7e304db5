package dev.verdict.cli.quickstart;

import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of a quickstart run: how much data each stage sees. Each {@link QuickstartWorld} has its laptop run;
 * {@link #SMOKE} only proves the wiring (a handful of steps per stage).
 *
 * @param trainPairs training pairs of the world (and pretraining images)
 * @param testPairs held-out pairs the judges are evaluated on
 * @param pretrainEpochs passes over the pretraining items (0 = the recipe's)
 * @param sftEpochs passes over the cold-start judgments (0 = the recipe's)
 * @param steps optimizer steps per training stage instead of epochs (0 = epochs), for the smoke run
 * @param batchSize batch of the pretraining and SFT stages (0 = the recipes')
 * @param curatePairs training pairs the SFT model re-judges to find the hard ones
 * @param curateReplay easy pairs kept per hard pair ({@code verdict curate --replay}; 0 = the hard pairs only)
 * @param curateMirror meta key of {@code verdict curate --replay-mirror} ("" = no mirrors)
 * @param rlSteps RL steps (0 = the recipe's)
 * @param rlPrompts prompts per RL step (0 = the recipe's)
 * @param evalPairs test pairs judged per evaluation (0 = all)
 */
public record QuickstartPlan(
        int trainPairs,
        int testPairs,
        int pretrainEpochs,
        int sftEpochs,
        int steps,
        int batchSize,
        int curatePairs,
        double curateReplay,
        String curateMirror,
        int rlSteps,
        int rlPrompts,
        int evalPairs) {

    public static final QuickstartPlan SMOKE = new QuickstartPlan(16, 8, 1, 1, 2, 4, 6, 1, "answer", 2, 2, 4);

    /** The {@code key=value} overrides of the step count and batch size shared by the supervised stages. */
    List<String> sizeOverrides() {
        List<String> kv = new ArrayList<>();
        if (steps > 0) {
            kv.add("train.steps=" + steps);
        }
        if (batchSize > 0) {
            kv.add("train.batch_size=" + batchSize);
        }
        return kv;
    }
}
