package dev.verdict.cli.quickstart;

import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.checkpoint.Checkpoints;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.pretrain.BaseCache;
import dev.verdict.train.rl.Collapse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verdict bench ablation}: the paper's Table 6 in miniature on the synthetic world. One world, base and
 * cold-start set; per seed an SFT judge, its curated hard pairs, and from it every RL variant in the standard and
 * the stress setting, each evaluated greedily on the held-out split and checked for collapse. A rerun with the same
 * {@code --out} continues: finished runs (those with a {@code result.json}) are kept.
 */
@Command(
        name = "ablation",
        mixinStandardHelpOptions = true,
        description = {
            "The paper's ablation (Table 6) in miniature: SFT only, StableReinforce, without the advantage filter,",
            "without Pre-CLIP, without the consistency reward, Reinforce++; plus a stress setting (lr 1e-3, 4 PPO",
            "epochs of 4 mini-batches) where unstabilised variants may collapse. Per seed; writes OUT/ablation.json and",
            "OUT/report.html. Rerunning with the same --out continues where it stopped."
        })
public final class AblationCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "3", description = "training seeds 0..N-1 (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(
            names = "--out",
            defaultValue = "runs/ablation",
            description = "output folder; an existing one is continued (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--world-seed",
            defaultValue = "0",
            description = "seed of the world, its pretrained base and the cold-start set (default: 0)")
    long worldSeed;

    @Option(
            names = "--variants",
            split = ",",
            description = "RL variants to run (default: all): stable-reinforce, no-filter, no-preclip, "
                    + "no-consistency, reinforce++")
    List<String> variants;

    @Option(names = "--no-stress", description = "skip the stress setting")
    boolean noStress;

    @Option(names = "--force", description = "delete a non-empty --out first instead of continuing it")
    boolean force;

    private Pipeline pipe;
    private QuickstartPlan plan;
    private Path recipes;
    private Path world;
    private final List<AblationRun> results = new ArrayList<>();

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() throws IOException {
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
        }
        List<AblationVariant> chosen = AblationVariant.select(variants);
        plan = options.plan();
        pipe = options.pipeline();
        if (force) {
            Pipeline.prepareOut(out, true);
        }
        Files.createDirectories(out);
        recipes = pipe.writeRecipes(out);
        world = out.resolve("world");
        Stages st = new Stages(System.out, "ablation", 3 + seeds * (3 + runsPerSeed(chosen)));
        once(st, "synth", world, () -> pipe.synth(world, plan.trainPairs(), plan.testPairs(), worldSeed));
        BaseCache bases = options.bases();
        Path base = st.run(
                "pretrain",
                () -> PretrainedBase.getOrTrain(
                        bases, world, recipes.resolve("pretrain.yaml"), plan, pipe, worldSeed, out));
        Path distilled = out.resolve("distill.jsonl");
        once(st, "distill", distilled, () -> pipe.distill(world, distilled, worldSeed));
        for (long seed = 0; seed < seeds; seed++) {
            runSeed(st, seed, base, distilled, chosen);
        }
        AblationSummary summary = new AblationSummary(results);
        summary.write(out.resolve("ablation.json"));
        Path report = summary.writeReport(out.resolve("report.html"), note(chosen));
        System.out.println();
        System.out.print(summary.table());
        System.out.printf("%nwrote %s and %s%n", out.resolve("ablation.json"), report);
        return 0;
    }

    private int runsPerSeed(List<AblationVariant> chosen) {
        return chosen.size() + (noStress ? 0 : stressVariants(chosen).size());
    }

    private List<AblationVariant> stressVariants(List<AblationVariant> chosen) {
        return chosen.stream()
                .filter(v -> AblationVariant.STRESS_VARIANTS.contains(v.name()))
                .toList();
    }

    private void runSeed(Stages st, long seed, Path base, Path distilled, List<AblationVariant> chosen) {
        Path dir = out.resolve("seed-" + seed);
        Path sft = dir.resolve("sft");
        once(
                st,
                "seed " + seed + " sft",
                sft,
                () -> pipe.train(
                        "sft",
                        recipes.resolve("sft.yaml"),
                        base,
                        distilled,
                        sft,
                        seed,
                        QuickstartCommand.sftSets(plan)));
        Path sftModel = ModelPaths.resolve(sft, "model");
        Path curated = dir.resolve("curated.jsonl");
        once(st, "seed " + seed + " curate", curated, () -> pipe.curate(sftModel, distilled, plan, seed, curated));
        Path rlData = Pipeline.enoughForRl(
                curated, distilled, plan.rlPrompts() > 0 ? plan.rlPrompts() : QuickstartCommand.RL_PROMPTS);
        Path sftEval = dir.resolve(AblationVariant.SFT_ONLY);
        results.add(finished(st, "seed " + seed + " " + AblationVariant.SFT_ONLY, sftEval, () -> {
            long t0 = System.nanoTime();
            pipe.eval(world, sftModel, sftEval.resolve("eval"), 1, false, plan.evalPairs(), seed);
            EvalResult e = evalResult(sftEval.resolve("eval"), sftModel);
            return AblationRun.of(
                    "standard", AblationVariant.SFT_ONLY, seed, e, Optional.empty(), Double.NaN, seconds(t0), sftEval);
        }));
        for (AblationVariant v : chosen) {
            results.add(rl(
                    st,
                    seed,
                    v,
                    false,
                    sftModel,
                    rlData,
                    dir.resolve("standard").resolve(v.name())));
        }
        if (!noStress) {
            for (AblationVariant v : stressVariants(chosen)) {
                results.add(rl(
                        st,
                        seed,
                        v,
                        true,
                        sftModel,
                        rlData,
                        dir.resolve("stress").resolve(v.name())));
            }
        }
    }

    /** Trains one RL variant from the seed's SFT judge and evaluates it; a run that fails counts as collapsed. */
    private AblationRun rl(
            Stages st, long seed, AblationVariant v, boolean stress, Path sftModel, Path data, Path run) {
        String setting = stress ? "stress" : "standard";
        return finished(st, "seed " + seed + " " + setting + " " + v.name(), run, () -> {
            long t0 = System.nanoTime();
            Path train = run.resolve("train");
            Optional<String> failure = Optional.empty();
            try {
                List<String> sets = new ArrayList<>(QuickstartCommand.rlSets(plan));
                sets.addAll(v.sets(stress));
                pipe.train("rl", recipes.resolve("rl.yaml"), sftModel, data, train, seed, sets);
            } catch (Stages.StageFailedException e) {
                failure = Optional.of("run aborted: " + e.getMessage());
                System.out.println("ablation: " + v.name() + " (" + setting + ", seed " + seed + ") failed; counted"
                        + " as collapsed");
            }
            List<Collapse.Step> steps = Collapse.steps(train);
            Optional<String> collapse = failure.or(() -> Collapse.reason(steps, Collapse.maxNewTokens(train)));
            EvalResult e = null;
            if (failure.isEmpty()) {
                Path model = ModelPaths.resolve(train, "model");
                pipe.eval(world, model, run.resolve("eval"), 1, false, plan.evalPairs(), seed);
                e = evalResult(run.resolve("eval"), model);
            }
            return AblationRun.of(setting, v.name(), seed, e, collapse, Collapse.maxAbsLoss(steps), seconds(t0), train);
        });
    }

    /** The run kept in {@code dir}, or runs {@code body} as a stage (in a fresh {@code dir}) and keeps its result. */
    private static AblationRun finished(Stages st, String name, Path dir, Supplier<AblationRun> body) {
        Optional<AblationRun> kept = AblationRun.read(dir);
        if (kept.isPresent()) {
            System.out.println("ablation: " + name + " finished earlier, kept (" + dir + ")");
            return kept.get();
        }
        return st.run(name, () -> {
            try {
                Checkpoints.deleteTree(dir);
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare " + dir, e);
            }
            AblationRun r = body.get();
            r.write(dir);
            return r;
        });
    }

    /**
     * Runs a stage that makes {@code product} (a file or folder) unless an earlier run finished it, which is marked
     * by a sibling {@code NAME.done} file; a product left without its mark is deleted and made again.
     */
    private static void once(Stages st, String name, Path product, Runnable body) {
        Path mark = product.resolveSibling(product.getFileName() + ".done");
        if (Files.exists(mark)) {
            System.out.println("ablation: " + name + " done earlier, kept (" + product + ")");
            return;
        }
        st.run(name, () -> {
            try {
                Checkpoints.deleteTree(product);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the unfinished " + product, e);
            }
            body.run();
            touch(mark);
        });
    }

    private static EvalResult evalResult(Path evalDir, Path model) {
        try (Tokenizer tok = Tokenizer.load(model)) {
            return EvalResult.read(evalDir, tok);
        }
    }

    private static void touch(Path f) {
        try {
            Files.writeString(f, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private String note(List<AblationVariant> chosen) {
        StringBuilder b = new StringBuilder(String.format(
                "%d seed(s), world seed %d, %s sizes; every accuracy is greedy on %s held-out pairs in random order."
                        + " Variants: ",
                seeds,
                worldSeed,
                options.smoke ? "smoke" : "default",
                plan.evalPairs() == 0 ? "all" : plan.evalPairs()));
        chosen.forEach(
                v -> b.append(v.name()).append(" (").append(v.description()).append("); "));
        b.append("stress setting: ")
                .append(String.join(", ", AblationVariant.STRESS))
                .append('.');
        return b.toString();
    }
}
