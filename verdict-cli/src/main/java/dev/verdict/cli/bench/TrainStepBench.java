package dev.verdict.cli.bench;

import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldVocabulary;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelInit;
import dev.verdict.model.ParamSpec;
import dev.verdict.tensor.DType;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.train.config.Configs;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.run.TrainSession;
import dev.verdict.train.sft.SftConfig;
import dev.verdict.train.sft.SftExample;
import dev.verdict.train.sft.SftItems;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Steps of {@code verdict train sft} itself ({@link SftTrainer}: batching, forward, loss, backward, clipping, AdamW,
 * metrics) on a fresh model of a preset and text-only items of a fixed length, reported as tokens/s and model FLOP/s
 * (PaLM accounting: 6 x matmul parameters + 12 x layers x width x sequence per token). Nearly every token is a
 * judgment token, so the loss covers almost the whole sequence.
 */
final class TrainStepBench {
    /**
     * @param seconds median wall time of the timed steps
     * @param sequence tokens per sequence as the trainer read them (chat template included)
     */
    record Result(double seconds, int sequence, double tokensPerSecond, double flopsPerSecond, long peakRss) {}

    /** Chat-template tokens around the reply, left out of the reply's word count. */
    private static final int TEMPLATE_TOKENS = 16;

    private TrainStepBench() {}

    static double flopsPerToken(ModelConfig c, int seq) {
        long matmul = 0;
        for (ParamSpec p : ParamSpec.of(c)) {
            boolean textMatrix = p.name().startsWith("model.layers.") && p.shape().length == 2;
            if (textMatrix || p.name().equals("lm_head.weight")) {
                matmul += p.numel();
            }
        }
        if (c.text().tieWordEmbeddings()) {
            matmul += (long) c.text().vocabSize() * c.text().hiddenSize();
        }
        return 6.0 * matmul + 12.0 * c.text().numLayers() * c.text().hiddenSize() * seq;
    }

    static Result run(String preset, DType dtype, int batch, int seq, int warmup, int runs) {
        Path dir = tempDir();
        try {
            WorldConfig world = WorldConfig.defaults();
            Path model = dir.resolve("model");
            ModelConfig c = ModelInit.create(
                    model, preset, WorldVocabulary.tokenizerJson(world), "PreTrainedTokenizerFast", dtype, 1);
            SftConfig cfg = Configs.resolve(
                    SftConfig.defaults(),
                    null,
                    List.of(
                            "model=" + model,
                            "run.out=" + dir.resolve("run"),
                            "train.steps=" + (warmup + runs),
                            "train.batch_size=" + batch,
                            "train.max_tokens=" + (seq + 2 * TEMPLATE_TOKENS),
                            "train.dtype=" + dtype.name().toLowerCase(Locale.ROOT),
                            "optim.warmup_steps=0"));
            SftItems items = items(WorldVocabulary.words(world), batch, seq - TEMPLATE_TOKENS);
            Timing.resetPeak();
            SftTrainer.Result r = new SftTrainer(cfg, Collective.LOCAL)
                    .run(TrainSession.Resume.NO, items, null, "bench train-step", PromptLayout.DEFAULT);
            double[] timed = Arrays.copyOfRange(r.stepSeconds(), warmup, warmup + runs);
            Arrays.sort(timed);
            double sec = timed[runs / 2];
            int sequence = (int) (r.tokens() / ((long) (warmup + runs) * batch));
            double tokens = (double) batch * sequence;
            return new Result(sec, sequence, tokens / sec, tokens * flopsPerToken(c, sequence) / sec, Timing.peakRss());
        } finally {
            delete(dir);
        }
    }

    /** {@code batch} items, each a one-word question and a reply of {@code words} random vocabulary words. */
    private static SftItems items(List<String> vocabulary, int batch, int words) {
        Random r = new Random(1);
        List<SftExample> examples = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            StringBuilder reply = new StringBuilder();
            for (int w = 0; w < words; w++) {
                reply.append(w == 0 ? "" : " ").append(vocabulary.get(r.nextInt(vocabulary.size())));
            }
            examples.add(new SftExample(List.of(ChatMessage.user("bench")), List.of(), reply.toString()));
        }
        return new SftItems() {
            @Override
            public int size() {
                return examples.size();
            }

            @Override
            public SftExample example(int index) {
                return examples.get(index);
            }

            @Override
            public String id(int index) {
                return "bench-" + index;
            }

            @Override
            public List<Path> files() {
                return List.of();
            }
        };
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("verdict-bench-train-step");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
