package dev.verdict.cli.quickstart;

import static dev.verdict.cli.quickstart.Stages.cli;

import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.checkpoint.ModelPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code verdict quickstart}: the whole R1-Reward pipeline in miniature on the synthetic world, from nothing to
 * a trained, evaluated and reported judge.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
            "The whole R1-Reward pipeline in miniature, on CPU: synth -> pretrain a tiny base VLM (cached) ->",
            "distill (rule teacher) -> SFT -> curate -> StableReinforce RL -> eval (greedy, voting@5, blind) -> report.",
            "Writes OUT/summary.json and OUT/report.html; prints a table at the end."
        })
public final class QuickstartCommand implements Callable<Integer> {
    private static final String[] STAGES = {
        "synth",
        "pretrain",
        "distill",
        "sft",
        "curate",
        "rl",
        "eval sft",
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

    @Option(
            names = "--nproc",
            defaultValue = "2",
            description = "training processes, data parallel with one thread each (default: ${DEFAULT-VALUE})")
    int nproc;

    @Option(
            names = "--cache",
            description = "where pretrained bases are kept, by world and recipe (default: $VERDICT_CACHE or "
                    + "~/.cache/verdict)")
    Path cache;

    @Option(names = "--force", description = "delete a non-empty --out first")
    boolean force;

    @Option(names = "--smoke", description = "a handful of steps per stage: proves the wiring, not the method")
    boolean smoke;

    @Override
    public Integer call() throws IOException {
        QuickstartPlan plan = smoke ? QuickstartPlan.SMOKE : QuickstartPlan.DEFAULT;
        prepareOut();
        Path recipes = writeRecipes();
        Stages st = new Stages(System.out, STAGES.length);
        Path world = out.resolve("world");
        st.run(
                "synth",
                () -> cli(
                        "synth",
                        "synth",
                        "--out",
                        world,
                        "--train",
                        plan.trainPairs(),
                        "--test",
                        plan.testPairs(),
                        "--seed",
                        seed));
        BaseCache bases = new BaseCache(cache != null ? cache : BaseCache.defaultRoot());
        Path base = st.run(
                "pretrain", () -> bases.getOrTrain(world, recipes.resolve("pretrain.yaml"), plan, nproc, seed, out));
        Path distilled = out.resolve("distill.jsonl");
        st.run(
                "distill",
                () -> cli(
                        "distill",
                        "distill",
                        "--teacher",
                        "synthetic",
                        "--data",
                        world.resolve("train.jsonl"),
                        "--out",
                        distilled,
                        "--seed",
                        seed));
        Path sft = out.resolve("sft");
        st.run("sft", () -> train("sft", recipes.resolve("sft.yaml"), plan, base, distilled, sft, plan.sftEpochs()));
        Path sftModel = ModelPaths.resolve(sft, "model");
        Path curated = out.resolve("curated.jsonl");
        st.run(
                "curate",
                () -> cli(
                        "curate",
                        "curate",
                        "--model",
                        sftModel,
                        "--data",
                        distilled,
                        "--k",
                        3,
                        "--limit",
                        plan.curatePairs(),
                        "--max-tokens",
                        128,
                        "--seed",
                        seed,
                        "--out",
                        curated));
        Path rl = out.resolve("rl");
        Path rlData = enoughForRl(curated, distilled, plan);
        st.run("rl", () -> train("rl", recipes.resolve("rl.yaml"), plan, sftModel, rlData, rl, 0));
        Path rlModel = ModelPaths.resolve(rl, "model");
        Path evals = out.resolve("eval");
        st.run("eval sft", () -> eval(plan, sftModel, evals.resolve("sft"), 1, false));
        st.run("eval rl", () -> eval(plan, rlModel, evals.resolve("rl"), 1, false));
        st.run("eval rl voting@5", () -> eval(plan, rlModel, evals.resolve("rl-voting5"), 5, false));
        st.run("eval rl blind", () -> eval(plan, rlModel, evals.resolve("rl-blind"), 1, true));
        st.run("report", () -> report(evals));
        try (Tokenizer tok = Tokenizer.load(rlModel)) {
            QuickstartSummary summary =
                    QuickstartSummary.collect(evals, tok, st.timings(), rlModel, out.resolve("report.html"));
            summary.write(out.resolve("summary.json"));
            System.out.println();
            System.out.print(summary.table());
            System.out.printf("%nwrote %s and %s%n", out.resolve("summary.json"), out.resolve("report.html"));
        }
        return 0;
    }

    /** Runs a training stage in {@code nproc} data-parallel worker processes. */
    private void train(String stage, Path recipe, QuickstartPlan plan, Path model, Path data, Path run, int epochs) {
        List<Object> args =
                new ArrayList<>(List.of("launch", "--nproc", nproc, "--", "train", stage, "--config", recipe));
        args.addAll(sets("model=" + model, "data.train=" + data, "run.out=" + run, "run.seed=" + seed));
        if (epochs > 0) {
            args.addAll(sets("train.epochs=" + epochs));
        }
        if (!stage.equals("rl")) {
            args.addAll(plan.sizeOverrides());
        }
        if (stage.equals("rl") && plan.rlSteps() > 0) {
            args.addAll(sets("train.steps=" + plan.rlSteps()));
        }
        if (stage.equals("rl") && plan.rlPrompts() > 0) {
            args.addAll(sets("rollout.prompts_per_step=" + plan.rlPrompts()));
        }
        cli(stage, args.toArray());
    }

    /** The curated hard pairs, or all distilled pairs when curation left fewer than one RL step's prompts. */
    private static Path enoughForRl(Path curated, Path distilled, QuickstartPlan plan) {
        int need = plan.rlPrompts() > 0 ? plan.rlPrompts() : 16;
        long kept;
        try (var lines = Files.lines(curated)) {
            kept = lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + curated, e);
        }
        if (kept >= need) {
            return curated;
        }
        System.out.printf(
                "curation kept %d pair(s), fewer than one RL step's %d prompts: RL uses all distilled pairs%n",
                kept, need);
        return distilled;
    }

    static List<Object> sets(String... kv) {
        List<Object> out = new ArrayList<>();
        for (String s : kv) {
            out.add("--set");
            out.add(s);
        }
        return out;
    }

    private void eval(QuickstartPlan plan, Path model, Path dir, int votes, boolean blind) {
        List<Object> args = new ArrayList<>(List.of(
                "eval",
                "--bench",
                "jsonl",
                "--data",
                out.resolve("world").resolve("test.jsonl"),
                "--model",
                model,
                "--order",
                "random",
                "--seed",
                seed,
                "--votes",
                votes,
                "--max-tokens",
                128,
                "--limit",
                plan.evalPairs(),
                "--out",
                dir));
        if (blind) {
            args.add("--blind");
        }
        cli("eval " + dir.getFileName(), args.toArray());
    }

    private void report(Path evals) {
        cli("report", "report", evals.resolve("rl"), "--compare", evals.resolve("rl-blind"));
        try {
            Files.copy(
                    evals.resolve("rl").resolve("report.html"),
                    out.resolve("report.html"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the report to " + out, e);
        }
    }

    private void prepareOut() throws IOException {
        if (Files.isDirectory(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    if (!force) {
                        throw new IllegalArgumentException(
                                out + " is not empty; choose another --out or pass --force to replace it");
                    }
                    dev.verdict.train.checkpoint.Checkpoints.deleteTree(out);
                }
            }
        }
        Files.createDirectories(out);
    }

    /** Copies the stage recipes into OUT/recipes (they are part of the result). */
    private Path writeRecipes() throws IOException {
        Path dir = out.resolve("recipes");
        Files.createDirectories(dir);
        for (String name : List.of("pretrain.yaml", "sft.yaml", "rl.yaml")) {
            try (InputStream in = QuickstartCommand.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing quickstart recipe resource " + name);
                }
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }
}
