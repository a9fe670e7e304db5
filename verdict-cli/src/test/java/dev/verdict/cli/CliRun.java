package dev.verdict.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import picocli.CommandLine;

/** Runs a verdict command in-process and captures its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cli = VerdictCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** RL rollout settings small enough for a test step on the tiny model: 2 pairs x 2 samples of 8 tokens. */
    static final List<String> TINY_ROLLOUT = List.of(
            "--set", "rollout.prompts_per_step=2",
            "--set", "rollout.samples_per_prompt=2",
            "--set", "rollout.max_new_tokens=8");

    /**
     * {@code train STAGE} on the tiny model {@code dir/base} and the world's {@code dir/world/train.jsonl} into
     * {@code run}, each of {@code sets} a further {@code --set}; the stage's own tiny sizes ({@code batch_size}
     * for sft, {@link #TINY_ROLLOUT} for rl) follow.
     */
    static List<String> trainArgs(String stage, Path dir, Path run, int sftBatch, String... sets) {
        List<String> a = new ArrayList<>(List.of(
                "train",
                stage,
                "--set",
                "model=" + dir.resolve("base"),
                "--set",
                "data.train=" + dir.resolve("world").resolve("train.jsonl"),
                "--set",
                "run.out=" + run));
        for (String s : sets) {
            a.addAll(List.of("--set", s));
        }
        if (stage.equals("sft")) {
            a.addAll(List.of("--set", "train.batch_size=" + sftBatch));
        } else {
            a.addAll(TINY_ROLLOUT);
        }
        return a;
    }

    /**
     * A synthetic world ({@code verdict synth --out world synthArgs...}) and a fresh tiny model on its tokenizer
     * ({@code verdict model init --preset tiny --out base}); fails the test if either command does.
     */
    static void worldAndTinyModel(Path world, Path base, String... synthArgs) {
        List<String> synth = new ArrayList<>(List.of("synth", "--out", world.toString()));
        synth.addAll(List.of(synthArgs));
        CliRun w = of(synth.toArray(String[]::new));
        Assertions.assertEquals(0, w.code(), w.err());
        CliRun init = of(
                "model",
                "init",
                "--preset",
                "tiny",
                "--out",
                base.toString(),
                "--tokenizer",
                world.resolve("tokenizer.json").toString());
        Assertions.assertEquals(0, init.code(), init.err());
    }
}
