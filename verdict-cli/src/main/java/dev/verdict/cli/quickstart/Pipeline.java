package dev.verdict.cli.quickstart;

import static dev.verdict.cli.quickstart.Stages.cli;

import dev.verdict.train.checkpoint.Checkpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The R1-Reward pipeline's stages on the synthetic world as {@code verdict} command lines run in this process; the
 * training stages run in {@code nproc} data-parallel worker processes through {@code verdict launch}. Shared by
 * {@code verdict quickstart} and {@code verdict bench ablation}.
 *
 * @param nproc training processes (one thread each)
 * @param world the synthetic world and its stage recipes
 */
record Pipeline(int nproc, QuickstartWorld world) {
    /** Longest judgment the pipeline generates (curation, evaluation); the RL recipe sets its own. */
    static final int MAX_TOKENS = 128;

    Pipeline {
        if (nproc < 1) {
            throw new IllegalArgumentException("--nproc must be >= 1, got " + nproc);
        }
    }

    void synth(Path out, int trainPairs, int testPairs, long seed) {
        List<Object> args = new ArrayList<>(
                List.of("synth", "--out", out, "--train", trainPairs, "--test", testPairs, "--seed", seed));
        args.addAll(world.synthArgs());
        cli("synth", args.toArray());
    }

    /** Cold-start judgments from the world's rule teacher. */
    void distill(Path world, Path out, long seed) {
        cli(
                "distill",
                "distill",
                "--teacher",
                "synthetic",
                "--data",
                world.resolve("train.jsonl"),
                "--out",
                out,
                "--seed",
                seed);
    }

    /**
     * Runs {@code verdict train STAGE} with {@code recipe}, training {@code model} on {@code data} into {@code run}.
     *
     * @param data the {@code data.train} file, or null when {@code sets} names the data itself
     * @param sets further {@code key=value} overrides of the recipe
     */
    void train(String stage, Path recipe, Path model, Path data, Path run, long seed, List<String> sets) {
        List<Object> args =
                new ArrayList<>(List.of("launch", "--nproc", nproc, "--", "train", stage, "--config", recipe));
        args.addAll(sets("model=" + model, "run.out=" + run, "run.seed=" + seed));
        if (data != null) {
            args.addAll(sets("data.train=" + data));
        }
        args.addAll(sets(sets.toArray(String[]::new)));
        cli(stage, args.toArray());
    }

    /**
     * Keeps the pairs {@code model} needed two or more of three attempts for, or failed, among the plan's
     * {@code curatePairs}, with the plan's replayed easy pairs ({@code verdict curate --replay, --replay-mirror}).
     */
    void curate(Path model, Path data, QuickstartPlan plan, long seed, Path out) {
        List<Object> args = new ArrayList<>(List.of(
                "curate",
                "--model",
                model,
                "--data",
                data,
                "--k",
                3,
                "--limit",
                plan.curatePairs(),
                "--replay",
                plan.curateReplay(),
                "--max-tokens",
                MAX_TOKENS,
                "--seed",
                seed,
                "--out",
                out));
        if (!plan.curateMirror().isEmpty()) {
            args.addAll(List.of("--replay-mirror", plan.curateMirror()));
        }
        inChild("curate", args.toArray());
    }

    /**
     * Evaluates {@code model} on the world's test split in random order.
     *
     * @param votes judgments per pair (1 = greedy)
     * @param blind show blank grey images in place of the real ones
     * @param limit test pairs judged (0 = all)
     */
    void eval(Path world, Path model, Path dir, int votes, boolean blind, int limit, long seed) {
        List<Object> args = new ArrayList<>(List.of(
                "eval",
                "--bench",
                "jsonl",
                "--data",
                world.resolve("test.jsonl"),
                "--model",
                model,
                "--order",
                "random",
                "--seed",
                seed,
                "--votes",
                votes,
                "--max-tokens",
                MAX_TOKENS,
                "--limit",
                limit,
                "--out",
                dir));
        if (blind) {
            args.add("--blind");
        }
        inChild("eval " + dir.getFileName(), args.toArray());
    }

    /**
     * Runs a model-loading command in a process of its own ({@code verdict launch --nproc 1}): the native memory a
     * model and its batches take is returned to the system when that process exits, whereas this orchestrating
     * process would keep it through the stages that follow (about 2 GB after curation and evaluation in-process).
     */
    private static void inChild(String stage, Object... args) {
        List<Object> argv = new ArrayList<>(List.of("launch", "--nproc", 1, "--"));
        argv.addAll(List.of(args));
        cli(stage, argv.toArray());
    }

    /** The curated pairs, or all distilled pairs when curation kept fewer than {@code need} (one RL step's). */
    static Path enoughForRl(Path curated, Path distilled, int need) {
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

    /** {@code --set k=v} arguments for each of {@code kv}. */
    static List<Object> sets(String... kv) {
        List<Object> out = new ArrayList<>();
        for (String s : kv) {
            out.add("--set");
            out.add(s);
        }
        return out;
    }

    /** Creates {@code out}; a non-empty one is deleted first with {@code force}, refused without. */
    static void prepareOut(Path out, boolean force) throws IOException {
        if (Files.isDirectory(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    if (!force) {
                        throw new IllegalArgumentException(
                                out + " is not empty; choose another --out or pass --force to replace it");
                    }
                    Checkpoints.deleteTree(out);
                }
            }
        }
        Files.createDirectories(out);
    }

    /**
     * Copies the world's stage recipes into {@code out/recipes} (they are part of the result) and returns that
     * folder.
     */
    Path writeRecipes(Path out) throws IOException {
        Path dir = out.resolve("recipes");
        Files.createDirectories(dir);
        for (String name : List.of("pretrain.yaml", "sft.yaml", "rl.yaml")) {
            String resource = world.recipeFolder() + name;
            try (InputStream in = Pipeline.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing quickstart recipe resource " + resource);
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }
}
