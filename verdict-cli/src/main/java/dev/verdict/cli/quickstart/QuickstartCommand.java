package dev.verdict.cli.quickstart;

import static dev.verdict.cli.quickstart.Stages.cli;

import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.pretrain.BaseCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verdict quickstart}: the whole R1-Reward pipeline in miniature on the synthetic world, from nothing to
 * a trained, evaluated and reported judge.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "The whole R1-Reward pipeline in miniature, on CPU, on a synthetic world.",
            "Stages: synth -> pretrain a tiny base VLM (cached) -> distill (rule teacher) -> SFT -> curate ->",
            "StableReinforce RL -> eval (greedy, voting@5, blind) -> report.",
            "Writes OUT/summary.json and OUT/report.html; prints a table at the end."
        })
public final class QuickstartCommand implements Callable<Integer> {
    /** Prompts per step of the RL recipe (the fallback to all distilled pairs needs at least this many). */
    static final int RL_PROMPTS = 16;

    private static final String[] STAGES = {
        "synth",
        "pretrain",
        "distill",
        "sft",
        "curate",
        "rl",
        "eval sft",
        "eval sft blind",
        "eval rl",
        "eval rl voting@5",
        "eval rl blind",
        "report"
    };

    @Option(
            names = "--out",
            defaultValue = "runs/quickstart",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the world and every stage (default: 0)")
    long seed;

    @Option(names = "--force", description = "delete a non-empty --out first")
    boolean force;

    @Mixin
    PipelineOptions options = new PipelineOptions();

    @Override
    public Integer call() throws IOException {
        QuickstartPlan plan = options.plan();
        Pipeline.prepareOut(out, force);
        Pipeline pipe = options.pipeline();
        Path recipes = pipe.writeRecipes(out);
        Stages st = new Stages(System.out, "quickstart", STAGES.length);
        Path world = out.resolve("world");
        st.run("synth", () -> pipe.synth(world, plan.trainPairs(), plan.testPairs(), seed));
        BaseCache bases = options.bases();
        Path base = st.run(
                "pretrain",
                () -> PretrainedBase.getOrTrain(bases, world, recipes.resolve("pretrain.yaml"), plan, pipe, seed, out));
        Path distilled = out.resolve("distill.jsonl");
        st.run("distill", () -> pipe.distill(world, distilled, seed));
        Path sft = out.resolve("sft");
        st.run("sft", () -> pipe.train("sft", recipes.resolve("sft.yaml"), base, distilled, sft, seed, sftSets(plan)));
        Path sftModel = ModelPaths.resolve(sft, "model");
        Path curated = out.resolve("curated.jsonl");
        st.run("curate", () -> pipe.curate(sftModel, distilled, plan, seed, curated));
        Path rl = out.resolve("rl");
        Path rlData = Pipeline.enoughForRl(curated, distilled, plan.rlPrompts() > 0 ? plan.rlPrompts() : RL_PROMPTS);
        List<String> rlSets = new ArrayList<>(rlSets(plan));
        // RL's own record of its greedy judgments (monitoring only): shows a drift of greedy decoding as it happens
        rlSets.add("greedy_eval.data=" + world.resolve("test.jsonl"));
        rlSets.add("greedy_eval.pairs=" + GREEDY_CHECK_PAIRS);
        st.run("rl", () -> pipe.train("rl", recipes.resolve("rl.yaml"), sftModel, rlData, rl, seed, rlSets));
        Path rlModel = ModelPaths.resolve(rl, "model");
        Path evals = out.resolve("eval");
        Path w = world;
        int n = plan.evalPairs();
        st.run("eval sft", () -> pipe.eval(w, sftModel, evals.resolve("sft"), 1, false, n, seed));
        st.run("eval sft blind", () -> pipe.eval(w, sftModel, evals.resolve("sft-blind"), 1, true, n, seed));
        st.run("eval rl", () -> pipe.eval(w, rlModel, evals.resolve("rl"), 1, false, n, seed));
        st.run("eval rl voting@5", () -> pipe.eval(w, rlModel, evals.resolve("rl-voting5"), 5, false, n, seed));
        st.run("eval rl blind", () -> pipe.eval(w, rlModel, evals.resolve("rl-blind"), 1, true, n, seed));
        st.run("report", () -> report(evals));
        try (Tokenizer tok = Tokenizer.load(rlModel)) {
            QuickstartSummary summary =
                    QuickstartSummary.collect(evals, tok, st.timings(), rlModel, out.resolve("report.html"));
            summary.file().write(out.resolve("summary.json"));
            System.out.println();
            System.out.print(summary.table());
            System.out.printf("%nwrote %s and %s%n", out.resolve("summary.json"), out.resolve("report.html"));
        }
        return 0;
    }

    /** Test pairs the RL stage judges greedily every {@code greedy_eval.every} steps. */
    static final int GREEDY_CHECK_PAIRS = 32;

    /** The SFT stage's overrides: the plan's epochs, steps and batch size. */
    static List<String> sftSets(QuickstartPlan plan) {
        List<String> kv = new ArrayList<>(plan.sizeOverrides());
        if (plan.sftEpochs() > 0) {
            kv.add("train.epochs=" + plan.sftEpochs());
        }
        return kv;
    }

    /** The RL stage's overrides: the plan's steps and prompts per step. */
    static List<String> rlSets(QuickstartPlan plan) {
        List<String> kv = new ArrayList<>();
        if (plan.rlSteps() > 0) {
            kv.add("train.steps=" + plan.rlSteps());
        }
        if (plan.rlPrompts() > 0) {
            kv.add("rollout.prompts_per_step=" + plan.rlPrompts());
        }
        return kv;
    }

    private void report(Path evals) {
        cli("report", "report", evals.resolve("rl"), "--compare", evals.resolve("rl-blind"));
        try {
            Files.copy(
                    evals.resolve("rl").resolve("report.html"),
                    out.resolve("report.html"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report to " + out, e);
        }
    }
}
