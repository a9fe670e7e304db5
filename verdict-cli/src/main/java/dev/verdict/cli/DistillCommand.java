package dev.verdict.cli;

import dev.verdict.data.synth.WorldTeacherJudge;
import dev.verdict.generate.LocalJudge;
import dev.verdict.judge.PairJudge;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.curate.AttemptPlan;
import dev.verdict.train.curate.Distiller;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verdict distill}: cold-start SFT data from a teacher's judgments (R1-Reward §5.2). */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        description = "Ask a teacher judge about each labelled pair, up to --attempts times until its answer equals"
                + " the label; write the pairs with the accepted judgment and the attempt count (SFT data).")
final class DistillCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ColdStartOptions common = new ColdStartOptions();

    @Option(
            names = "--teacher",
            required = true,
            description = "synthetic (the synthetic world's rule teacher), an OpenAI-compatible base URL"
                    + " (http://host:8000/v1), a local model directory or a training run folder")
    String teacher;

    @Option(
            names = "--teacher-model",
            defaultValue = "default",
            description = "model name sent to the endpoint (default: ${DEFAULT-VALUE})")
    String teacherModel;

    @Option(names = "--data", required = true, description = "labelled pairs (any layout verdict reads)")
    Path data;

    @Option(names = "--attempts", defaultValue = "3", description = "attempts per pair (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(
            names = "--temperature",
            defaultValue = "0",
            description = "temperature of the first attempt (default: ${DEFAULT-VALUE}, greedy)")
    double temperature;

    @Option(
            names = "--retry-temperature",
            defaultValue = "0.7",
            description = "temperature of attempts 2.. (each with its own seed; default: ${DEFAULT-VALUE})")
    double retryTemperature;

    @Option(
            names = "--keep-failed",
            description = "write the pairs no attempt got right to --out too (distill_ok=false) instead of"
                    + " OUT.failed.jsonl; such a file is not SFT data")
    boolean keepFailed;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Override
    public void run() {
        boolean local = isModelDir();
        AttemptPlan plan = new AttemptPlan(attempts, temperature, retryTemperature, common.base());
        Distiller.Options opts = new Distiller.Options(
                plan, local ? 1 : common.concurrency, common.maxErrors, keepFailed, common.resume, common.limit);
        try (PairJudge judge = open(local)) {
            Distiller d = new Distiller(judge, opts, ColdStartOptions.stderr(spec));
            ColdStartOptions.report(spec, () -> d.run(data, common.out));
        }
    }

    private boolean isModelDir() {
        return !teacher.equals("synthetic") && !teacher.contains("://") && Files.isDirectory(Path.of(teacher));
    }

    private PairJudge open(boolean local) {
        if (teacher.equals("synthetic")) {
            return new WorldTeacherJudge();
        }
        if (teacher.startsWith("http://") || teacher.startsWith("https://")) {
            return common.endpoint(teacher, teacherModel);
        }
        if (local) {
            LocalJudge judge = LocalJudge.load(ModelPaths.resolve(Path.of(teacher), "--teacher"), device.device());
            return common.textOnly ? judge.allowingTextOnly() : judge;
        }
        throw new IllegalArgumentException("--teacher must be 'synthetic', an http(s) URL or a model directory; got '"
                + teacher + "' (no such directory)");
    }
}
