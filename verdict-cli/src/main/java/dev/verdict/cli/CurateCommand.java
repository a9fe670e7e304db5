package dev.verdict.cli;

import dev.verdict.generate.LocalJudge;
import dev.verdict.judge.BaselineJudge;
import dev.verdict.judge.PairJudge;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.curate.AttemptPlan;
import dev.verdict.train.curate.Curator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verdict curate}: the hard pairs for RL (R1-Reward §5.2). */
@Command(
        name = "curate",
        mixinStandardHelpOptions = true,
        description = "Keep the hard pairs for RL: those that needed 2 or more attempts or that no attempt got"
                + " right, counted from distill's recorded attempts (--from-attempts) or by a judge trying again.")
final class CurateCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ColdStartOptions common = new ColdStartOptions();

    @Option(
            names = "--data",
            required = true,
            description = "labelled pairs; with --from-attempts distill's outputs (repeatable: OUT and"
                    + " OUT.failed.jsonl)")
    List<Path> data = new ArrayList<>();

    @Option(names = "--from-attempts", description = "use meta.attempts / meta.distill_ok written by distill")
    boolean fromAttempts;

    @Option(
            names = "--model",
            description =
                    "a local model directory (e.g. the SFT checkpoint) or a training run folder (its latest checkpoint)")
    Path model;

    @Option(names = "--judge-url", description = "an OpenAI-compatible base URL")
    String judgeUrl;

    @Option(names = "--judge", description = "a baseline judge: first, longer or random")
    String baseline;

    @Option(
            names = "--judge-model",
            defaultValue = "default",
            description = "model name sent to the endpoint (default: ${DEFAULT-VALUE})")
    String judgeModel;

    @Option(names = "--k", defaultValue = "3", description = "attempts per pair (default: ${DEFAULT-VALUE})")
    int k;

    @Option(
            names = "--temperature",
            defaultValue = "0",
            description = "temperature of the first attempt (default: ${DEFAULT-VALUE}, greedy)")
    double temperature;

    @Option(
            names = "--retry-temperature",
            defaultValue = "1.0",
            description = "temperature of attempts 2.. (each with its own seed; default: ${DEFAULT-VALUE})")
    double retryTemperature;

    @Option(
            names = "--replay",
            defaultValue = "0",
            description = "easy pairs (right at the first attempt) also kept per hard pair, drawn at random with"
                    + " --seed: keeps RL from learning the prior of a judge's one-sided mistakes (default:"
                    + " ${DEFAULT-VALUE}, the paper's hard pairs only)")
    double replay;

    @Option(
            names = "--replay-mirror",
            paramLabel = "KEY",
            defaultValue = "",
            description = "also keep, per hard pair, one easy pair of the same subset whose meta.KEY differs from"
                    + " the hard pair's (the synthetic world's 'answer'), so the hard pairs' answers are not the RL"
                    + " set's prior (default: none)")
    String replayMirror;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public void run() {
        long sources = Stream.of(fromAttempts ? "" : null, model, judgeUrl, baseline)
                .filter(Objects::nonNull)
                .count();
        if (sources != 1) {
            throw new IllegalArgumentException(
                    "give exactly one of --from-attempts, --model, --judge-url or --judge (got " + sources + ")");
        }
        if (fromAttempts) {
            if (replay != 0 || !replayMirror.isEmpty()) {
                throw new IllegalArgumentException(
                        "--replay and --replay-mirror need a judged run (--model, --judge-url or --judge):"
                                + " distill's attempts do not say which pairs a judge found easy");
            }
            ColdStartOptions.report(spec, () -> Curator.fromAttempts(data, common.out, common.limit));
            return;
        }
        if (data.size() != 1) {
            throw new IllegalArgumentException("judging takes one --data file, got " + data.size());
        }
        AttemptPlan plan = new AttemptPlan(k, temperature, retryTemperature, common.base());
        Curator.Options opts = new Curator.Options(
                plan, common.concurrency, common.maxErrors, common.resume, common.limit, replay, replayMirror);
        try (PairJudge judge = open()) {
            Curator c = new Curator(judge, opts, ColdStartOptions.stderr(spec));
            ColdStartOptions.report(spec, () -> c.run(data.getFirst(), common.out));
        }
    }

    private PairJudge open() {
        if (model != null) {
            LocalJudge judge = LocalJudge.load(ModelPaths.resolve(model, "--model"), device.device());
            return common.textOnly ? judge.allowingTextOnly() : judge;
        }
        if (judgeUrl != null) {
            return common.endpoint(judgeUrl, judgeModel);
        }
        return BaselineJudge.named(baseline);
    }
}
