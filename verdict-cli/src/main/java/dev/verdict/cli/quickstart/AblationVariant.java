package dev.verdict.cli.quickstart;

import dev.verdict.train.rl.RlConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the ablation (the paper's Table 6 in miniature): the quickstart's RL recipe with some StableReinforce
 * pieces switched off.
 *
 * @param name short name, also the run folder
 * @param description what is switched off
 * @param sets {@code key=value} overrides of the RL recipe
 */
record AblationVariant(String name, String description, List<String> sets) {
    /** The SFT-only row: no RL at all. */
    static final String SFT_ONLY = "sft-only";

    static final List<AblationVariant> ALL = List.of(
            new AblationVariant(
                    "stable-reinforce", "StableReinforce: Pre-CLIP, 3-sigma advantage filter, consistency", List.of()),
            new AblationVariant("no-filter", "without the advantage filter", List.of("algo.filter=none")),
            new AblationVariant("no-preclip", "without Pre-CLIP", List.of("algo.pre_clip=false")),
            new AblationVariant(
                    "no-consistency",
                    "without the consistency reward",
                    List.of("reward.consistency_weight=0", "reward.consistency=none")),
            new AblationVariant("reinforce++", "Reinforce++: no filter, no Pre-CLIP", RlConfig.preset("reinforce++")));

    /**
     * The stress setting: ratios far from 1 (learning rate 1e-3: 20 times the small world's RL recipe
     * and 10 times the full world's; four PPO epochs of four mini-batches per
     * rollout), where the paper's mechanism says unstabilised variants may diverge.
     */
    static final List<String> STRESS =
            List.of("optim.lr=1.0e-3", "optim.min_lr=1.0e-4", "algo.ppo_epochs=4", "algo.mini_batches=4");

    /** The variants run in the stress setting (the consistency reward does not bear on stability). */
    static final List<String> STRESS_VARIANTS = List.of("stable-reinforce", "no-filter", "no-preclip", "reinforce++");

    /** The variants named in {@code names} (all when empty), in table order; an unknown name is an error. */
    static List<AblationVariant> select(List<String> names) {
        if (names == null || names.isEmpty()) {
            return ALL;
        }
        List<AblationVariant> out = new ArrayList<>();
        for (String n : names) {
            out.add(ALL.stream()
                    .filter(v -> v.name().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown ablation variant '" + n + "' (known: "
                            + String.join(
                                    ", ",
                                    ALL.stream().map(AblationVariant::name).toList()) + ")")));
        }
        return ALL.stream().filter(out::contains).toList();
    }

    /** The overrides of this variant in the given setting. */
    List<String> sets(boolean stress) {
        List<String> kv = new ArrayList<>(sets);
        if (stress) {
            kv.addAll(STRESS);
        }
        return kv;
    }
}
