package dev.verdict.cli.bench;

import dev.verdict.cli.quickstart.AblationCommand;
import dev.verdict.cli.tree.CommandTree;
import dev.verdict.generate.ModelBundle;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelFiles;
import dev.verdict.model.ModelInput;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.SpecialTokens;
import dev.verdict.train.checkpoint.ModelPaths;
import dev.verdict.train.dist.DistEnv;
import dev.verdict.train.dist.DistOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.pytorch.InferenceMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code verdict bench ...}: performance figures as ratios against same-run peaks. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure engine performance (figures go to BENCHMARKS.md).",
        subcommands = {
            BenchCommand.Gemm.class,
            BenchCommand.TrainStep.class,
            BenchCommand.Decode.class,
            BenchCommand.Load.class,
            BenchCommand.Vision.class,
            BenchCommand.AllReduce.class,
            BenchCommand.Serve.class,
            AblationCommand.class
        })
public final class BenchCommand implements Runnable {
    static final int[] GEMM_SIZES = {512, 1024, 2048};

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static PrintStream out() {
        return System.out;
    }

    @Command(
            name = "gemm",
            mixinStandardHelpOptions = true,
            description = "fp32 and bf16 GEMM GFLOP/s (the same-run peak).")
    static final class Gemm implements Runnable {
        @Override
        public void run() {
            out().println("GEMM (square, median of repeated runs):");
            double f32 = GemmBench.peak(DType.F32, GEMM_SIZES, out());
            double bf16 = GemmBench.peak(DType.BF16, GEMM_SIZES, out());
            out().printf("peak fp32 %.1f GFLOP/s, bf16 %.1f GFLOP/s (bf16/fp32 = %.2fx)%n", f32, bf16, bf16 / f32);
        }
    }

    @Command(
            name = "train-step",
            mixinStandardHelpOptions = true,
            description = "SFT step (fwd + bwd + AdamW) model FLOP/s as a fraction of the GEMM peak.")
    static final class TrainStep implements Runnable {
        @Option(names = "--preset", defaultValue = "small", description = "model preset (default: ${DEFAULT-VALUE})")
        String preset;

        @Option(names = "--batch", defaultValue = "4", description = "sequences per step (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--seq", defaultValue = "512", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
        int seq;

        @Option(names = "--runs", defaultValue = "5", description = "timed steps (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(
                names = "--dtypes",
                defaultValue = "f32,bf16",
                split = ",",
                description = "dtypes to measure (default: ${DEFAULT-VALUE})")
        List<String> dtypes;

        @Override
        public void run() {
            out().printf(
                            "train-step: verdict train sft's step on a fresh %s model, batch %d x about %d tokens%n",
                            preset, batch, seq);
            Double f32Tokens = null;
            for (String name : dtypes) {
                DType dtype = DType.parse(name);
                double peak = GemmBench.peak(dtype, GEMM_SIZES, null);
                TrainStepBench.Result r = TrainStepBench.run(preset, dtype, batch, seq, 1, runs);
                report(dtype.name().toLowerCase(Locale.ROOT), r, peak);
                if (dtype == DType.F32) {
                    f32Tokens = r.tokensPerSecond();
                } else if (f32Tokens != null) {
                    out().printf("  %s / fp32 throughput: %.2fx%n", dtype, r.tokensPerSecond() / f32Tokens);
                }
            }
        }

        private static void report(String name, TrainStepBench.Result r, double peak) {
            out().printf(
                            "  %-5s %.3f s/step (seq %d), %,.0f tokens/s, %.1f model GFLOP/s = %.2f of %s GEMM peak %.1f;"
                                    + " peak RSS %s%n",
                            name,
                            r.seconds(),
                            r.sequence(),
                            r.tokensPerSecond(),
                            r.flopsPerSecond() / 1e9,
                            r.flopsPerSecond() / 1e9 / peak,
                            name,
                            peak,
                            Timing.mb(r.peakRss()));
        }
    }

    @Command(
            name = "decode",
            mixinStandardHelpOptions = true,
            description = "Decode tokens/s per batch size vs the memory-bandwidth bound; checkpoint load memory.")
    static final class Decode implements Runnable {
        @Option(
                names = "--preset",
                defaultValue = "bench-0.5b",
                description = "model preset (default: ${DEFAULT-VALUE})")
        String preset;

        @Option(names = "--dtype", defaultValue = "f32", description = "f32 or bf16 (default: ${DEFAULT-VALUE})")
        String dtype;

        @Option(
                names = "--batches",
                defaultValue = "1,16",
                split = ",",
                description = "batch sizes (default: ${DEFAULT-VALUE})")
        List<Integer> batches;

        @Option(
                names = "--prompt-tokens",
                defaultValue = "32",
                description = "prompt length (default: ${DEFAULT-VALUE})")
        int promptTokens;

        @Option(names = "--steps", defaultValue = "32", description = "decode steps timed (default: ${DEFAULT-VALUE})")
        int steps;

        @Override
        public void run() {
            boolean qwenVocab = preset.equals("bench-0.5b");
            ModelConfig c = Presets.get(
                            preset,
                            qwenVocab ? 151936 : 1024,
                            qwenVocab ? SpecialTokens.QWEN : SpecialTokens.WORD_LEVEL)
                    .with("dtype", DType.parse(dtype));
            out().printf("decode: preset %s (%s)%n", preset, ModelFiles.summary(c));
            try (QwenVL m = QwenVL.random(c, 3)) {
                measure(m);
            }
        }

        private void measure(QwenVL m) {
            double bw = GemmBench.copyBandwidth();
            // text weights read per decoding step (the vision tower is idle while decoding)
            long textBytes = m.parameters().entrySet().stream()
                    .filter(e -> !e.getKey().startsWith("visual."))
                    .mapToLong(e -> e.getValue().numel() * e.getValue().element_size())
                    .sum();
            double bound = bw / textBytes;
            out().printf(
                            "  copy bandwidth %.1f GB/s; text weights %s -> bound %.1f steps/s%n",
                            bw / 1e9, Timing.mb(textBytes), bound);
            Double first = null;
            for (int b : batches) {
                double tps = DecodeBench.tokensPerSecond(m, b, promptTokens, steps);
                double stepsPerSecond = tps / b;
                out().printf(
                                "  batch %3d: %,9.1f tokens/s, %.1f steps/s (%.2f of the bandwidth bound); %d x %d tokens in %.3f s%s%n",
                                b,
                                tps,
                                stepsPerSecond,
                                stepsPerSecond / bound,
                                b,
                                steps,
                                b * steps / tps,
                                first == null
                                        ? ""
                                        : String.format(" (%.1fx batch %d)", tps / first, batches.getFirst()));
                out().flush();
                if (first == null) {
                    first = tps;
                }
            }
        }
    }

    @Command(
            name = "vision",
            mixinStandardHelpOptions = true,
            description = "Vision tower forward on growing batches of images of two sizes: seconds and peak memory.")
    static final class Vision implements Runnable {
        @Option(names = "--preset", defaultValue = "small", description = "model preset (default: ${DEFAULT-VALUE})")
        String preset;

        @Option(
                names = "--images",
                defaultValue = "1,2,4,8,16",
                split = ",",
                description = "batch sizes in images, run in this order (default: ${DEFAULT-VALUE})")
        int[] images;

        @Override
        public void run() {
            ModelConfig c = Presets.get(preset, 1024, SpecialTokens.WORD_LEVEL);
            out().printf("vision: preset %s, images alternating 36 x 36 and 28 x 44 patches%n", preset);
            VisionBench.run(c, images, out());
        }
    }

    @Command(
            name = "load",
            mixinStandardHelpOptions = true,
            description = "Resident memory of loading a model directory and running one forward, vs its weight bytes.")
    static final class Load implements Runnable {
        @Option(
                names = "--model",
                required = true,
                description = "Hugging Face model directory or a training run folder")
        Path model;

        @Override
        public void run() {
            try (Scope s = Scope.open()) {
                Tensors.ones(DType.F32, 4).sum(); // start libtorch before the baseline
            }
            long before = Timing.rss();
            try (QwenVL m = ModelFiles.load(ModelPaths.resolve(model, "--model"))) {
                long weightBytes = m.parameters().values().stream()
                        .mapToLong(t -> t.numel() * t.element_size())
                        .sum();
                long loaded = Timing.rss() - before;
                try (InferenceMode mode = new InferenceMode();
                        Scope s = Scope.open()) {
                    m.logits(m.hidden(ModelInput.text(new long[][] {{20, 21, 22, 23}}, null)));
                }
                long touched = Timing.rss() - before;
                long peak = Timing.peakRss() - before;
                out().printf("load %s: %s of weights (%s)%n", model, Timing.mb(weightBytes), m.dtype());
                out().printf(
                                "  resident growth after load %s (%.2fx), after a forward %s (%.2fx), peak %s (%.2fx)%n",
                                Timing.mb(loaded),
                                (double) loaded / weightBytes,
                                Timing.mb(touched),
                                (double) touched / weightBytes,
                                Timing.mb(peak),
                                (double) peak / weightBytes);
            }
        }
    }

    @Command(
            name = "allreduce",
            mixinStandardHelpOptions = true,
            description = "Gradient all-reduce (averageGradients) ms/step and GB/s over N local processes with Gloo.")
    static final class AllReduce implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--preset", defaultValue = "small", description = "model preset (default: ${DEFAULT-VALUE})")
        String preset;

        @Option(names = "--nproc", defaultValue = "2", description = "local processes (default: ${DEFAULT-VALUE})")
        int nproc;

        @Option(names = "--runs", defaultValue = "20", description = "timed steps (default: ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--warmup", defaultValue = "3", description = "untimed steps (default: ${DEFAULT-VALUE})")
        int warmup;

        @Option(
                names = "--bucket-mb",
                defaultValue = "25",
                description = "bucket size in MiB (default: ${DEFAULT-VALUE})")
        int bucketMb;

        @Override
        public Integer call() {
            DistEnv env = DistEnv.fromEnvironment(System.getenv());
            if (!env.isDistributed()) {
                // not started by a launcher: start nproc copies of this command through `verdict launch`
                CommandLine launcher = CommandTree.fresh();
                launcher.setOut(spec.commandLine().getOut());
                launcher.setErr(spec.commandLine().getErr());
                return launcher.execute(
                        "launch",
                        "--nproc",
                        Integer.toString(nproc),
                        "--",
                        "bench",
                        "allreduce",
                        "--preset",
                        preset,
                        "--runs",
                        Integer.toString(runs),
                        "--warmup",
                        Integer.toString(warmup),
                        "--bucket-mb",
                        Integer.toString(bucketMb));
            }
            ModelConfig config = Presets.get(preset, 1024, SpecialTokens.WORD_LEVEL);
            DistOptions options =
                    DistOptions.fromEnvironment(System.getenv()).with("bucketBytes", (long) bucketMb << 20);
            AllReduceBench.Result r = AllReduceBench.run(env, config, options, warmup, runs);
            if (env.rank() == 0) {
                AllReduceBench.print(out(), preset, config, options, r, runs);
            }
            return 0;
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = "verdict serve under concurrent /v1/judge load on loopback: requests/s, latency, errors, "
                    + "and the dynamic-batching gain.")
    static final class Serve implements Runnable {
        @Option(
                names = "--model",
                description = "model directory (default: a fresh random tiny model with the world vocabulary)")
        Path model;

        @Option(
                names = "--clients",
                defaultValue = "64",
                description = "concurrent clients (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(
                names = "--requests",
                defaultValue = "128",
                description = "requests per run (default: ${DEFAULT-VALUE})")
        int requests;

        @Option(
                names = "--seconds",
                defaultValue = "120",
                description = "time limit per run (default: ${DEFAULT-VALUE})")
        int seconds;

        @Option(
                names = "--max-tokens",
                defaultValue = "64",
                description = "new tokens per judgment (default: ${DEFAULT-VALUE})")
        int maxTokens;

        @Option(
                names = "--batches",
                defaultValue = "1,16",
                split = ",",
                description = "--max-batch values to compare (default: ${DEFAULT-VALUE})")
        List<Integer> batches;

        @Override
        public void run() {
            Path dir = model == null ? null : ModelPaths.resolve(model, "--model");
            try {
                if (dir == null) {
                    dir = Files.createTempDirectory("verdict-bench-serve");
                    int code =
                            CommandTree.fresh().execute("model", "init", "--preset", "tiny", "--out", dir.toString());
                    if (code != 0) {
                        throw new IllegalStateException("model init failed");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out().printf(
                            "serve: %s, %d clients, %d requests (or %d s) per run, %d new tokens, one image, greedy%n",
                            dir.getFileName(), clients, requests, seconds, maxTokens);
            try (ModelBundle bundle = ModelBundle.load(dir)) {
                ServeBench.Result first = null;
                for (int b : batches) {
                    ServeBench.Result r =
                            ServeBench.run(bundle, b, clients, requests, Duration.ofSeconds(seconds), maxTokens);
                    out().printf(
                                    "  max-batch %3d: %6.1f req/s, p50 %6.0f ms, p99 %6.0f ms, %d errors, %d requests in %.1f s, mean batch %.1f%s%n",
                                    b,
                                    r.requestsPerSecond(),
                                    r.p50() * 1e3,
                                    r.p99() * 1e3,
                                    r.errors(),
                                    r.requests(),
                                    r.seconds(),
                                    r.meanBatch(),
                                    first == null
                                            ? ""
                                            : String.format(
                                                    " (%.1fx max-batch %d)",
                                                    r.requestsPerSecond() / first.requestsPerSecond(),
                                                    first.maxBatch()));
                    out().flush();
                    if (first == null) {
                        first = r;
                    }
                }
            }
        }
    }
}
