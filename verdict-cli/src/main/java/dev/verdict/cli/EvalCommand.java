package dev.verdict.cli;

import dev.verdict.data.read.ReadOptions;
import dev.verdict.eval.Bench;
import dev.verdict.eval.BlindMode;
import dev.verdict.eval.ConsoleTable;
import dev.verdict.eval.EvalConfig;
import dev.verdict.eval.Evaluation;
import dev.verdict.eval.OrderMode;
import dev.verdict.eval.metrics.InvalidPolicy;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.TieRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code verdict eval}: runs a judge over a benchmark and writes items.jsonl, metrics.json and a table. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate a judge (local model, OpenAI-compatible endpoint or baseline) on a benchmark with"
                + " the benchmark's exact metrics, voting@K / any@K and order control (docs/eval.md).")
public final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--bench",
            required = true,
            description = "vl-rewardbench, mm-rlhf-rewardbench, multimodal-rewardbench or jsonl (our schema)")
    String bench;

    @Option(names = "--data", required = true, description = "the benchmark file (.json, .jsonl or .parquet)")
    Path data;

    @Option(names = "--image-root", description = "folder relative image paths resolve against")
    Path imageRoot;

    @Mixin
    JudgeSourceOptions judgeSource = new JudgeSourceOptions();

    @Option(names = "--votes", defaultValue = "1", description = "K samples per judgment (default: ${DEFAULT-VALUE})")
    int votes;

    @Mixin
    SamplingOptions sampling = new SamplingOptions();

    @Option(names = "--order", defaultValue = "random", description = "fixed, random or both (default: random)")
    String order;

    @Option(names = "--invalid", defaultValue = "wrong", description = "wrong, excluded or coin (default: wrong)")
    String invalid;

    @Option(
            names = "--tie",
            defaultValue = "invalid",
            description = "a voting tie is: invalid or first-valid (default: invalid)")
    String tie;

    @Option(
            names = "--categories",
            defaultValue = "official",
            description = "VL-RewardBench split: official or r1-scripts")
    String categories;

    @Option(
            names = "--blind",
            arity = "0..1",
            fallbackValue = "blank",
            paramLabel = "MODE",
            description = "withhold what the images show: blank (the default of a bare --blind) replaces each image by"
                    + " a uniform grey one of the same size; other-image shows the images of the next pair whose"
                    + " images differ (in distribution, but uninformative)")
    String blind;

    @Option(names = "--out", defaultValue = "eval-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out, skipping judged items")
    boolean resume;

    @Option(
            names = "--concurrency",
            defaultValue = "16",
            description = "judge calls in flight; a local model batches them into one generation "
                    + "(default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--limit", defaultValue = "0", description = "judge only the first N pairs (0 = all)")
    int limit;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        EvalConfig config = config();
        try (PairJudge judge = judgeSource.open(config.blind().on())) {
            config = config.with("judge", judge.name());
            String version = new VersionProvider().getVersion()[0].replace("verdict ", "");
            Evaluation.Result r = Evaluation.run(judge, config, out, resume, version, line -> {
                err.println(line);
                err.flush();
            });
            PrintWriter o = spec.commandLine().getOut();
            o.print(ConsoleTable.render(r.metrics()));
            o.println("wrote " + out.resolve("items.jsonl") + " and " + out.resolve("metrics.json"));
            o.flush();
        }
        return 0;
    }

    EvalConfig config() {
        return new EvalConfig(
                Bench.parse(bench),
                data,
                imageRoot,
                "",
                votes,
                sampling.temperature(votes),
                sampling.maxTokens,
                OrderMode.parse(order),
                InvalidPolicy.parse(invalid),
                parseCategories(categories),
                parseTie(tie),
                blind == null ? BlindMode.OFF : BlindMode.parse(blind),
                sampling.seed,
                limit,
                concurrency);
    }

    static ReadOptions.CategoryMapping parseCategories(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "official" -> ReadOptions.CategoryMapping.OFFICIAL;
            case "r1-scripts", "r1-script" -> ReadOptions.CategoryMapping.R1_SCRIPT;
            default ->
                throw new CommandLine.ParameterException(
                        new CommandLine(new EvalCommand()), "--categories must be official or r1-scripts, got " + s);
        };
    }

    static TieRule parseTie(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "invalid" -> TieRule.INVALID;
            case "first-valid" -> TieRule.FIRST_VALID;
            default -> throw new IllegalArgumentException("--tie must be invalid or first-valid, got " + s);
        };
    }
}
