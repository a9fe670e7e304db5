package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.generate.ModelBundle;
import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.judge.prompt.PromptTemplate;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ImagePosition;
import dev.verdict.train.config.ConfigException;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.sft.SftConfig;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SFT trainer end to end on a tiny model: exact resume, and no update from a non-finite step. */
class SftTrainerTest {
    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void world() {
        ToyWorld.create(dir, 16);
        data = ToyWorld.toy(dir, "sft", "label", "keep");
    }

    private static SftConfig config(String out, int steps, String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "model=" + dir.resolve("base"),
                "data.train=" + data,
                "run.out=" + dir.resolve(out),
                "train.steps=" + steps,
                "train.batch_size=4",
                "train.grad_accum=2",
                "optim.warmup_steps=1",
                "run.threads=1"));
        o.addAll(List.of(extra));
        return Configs.resolve(SftConfig.defaults(), null, o);
    }

    private static byte[] weights(Path checkpoint) throws IOException {
        return Files.readAllBytes(checkpoint.resolve("model.safetensors"));
    }

    @Test
    void anItemOverMaxTokensIsLeftOutAndCountedInsteadOfAbortingTheRun() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(data));
        ObjectNode first = (ObjectNode) new ObjectMapper().readTree(lines.getFirst());
        String longThink = "Response 1 is the better answer. ".repeat(150);
        ((ObjectNode) first.get("meta")).put("judgment", "<think>" + longThink + "</think><answer>1</answer>");
        lines.set(0, first.toString());
        Path withLong = dir.resolve("with-long.jsonl");
        Files.write(withLong, lines);
        SftTrainer.Result r = new SftTrainer(
                        config("long", 4, "data.train=" + withLong, "train.max_tokens=700"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        assertEquals(4, r.steps(), "the run went to its end");
        List<String> log = Files.readAllLines(dir.resolve("long").resolve("metrics.jsonl"));
        assertEquals(4, log.size());
        JsonNode last = new ObjectMapper().readTree(log.getLast());
        assertEquals(1, last.get("skipped_items").asInt(), "the one long item, counted once: " + last);
        assertTrue(last.get("applied").asBoolean(), last.toString());
        assertTrue(r.tokens() > 0);
    }

    @Test
    void imageBoundsResizeTheTrainingImagesAndGoIntoEveryCheckpoint() throws IOException {
        SftTrainer.Result plain =
                new SftTrainer(config("pixels-plain", 1), Collective.LOCAL).run(TrainSession.Resume.NO);
        SftTrainer.Result small = new SftTrainer(
                        config("pixels-small", 1, "prompt.min_pixels=784", "prompt.max_pixels=784"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        assertTrue(
                small.tokens() < plain.tokens(),
                "28 x 28 images give fewer image tokens: " + small.tokens() + " against " + plain.tokens());
        ImageProcessorConfig saved =
                ImageProcessorConfig.read(small.checkpoint().resolve("preprocessor_config.json"));
        assertEquals(784, saved.minPixels());
        assertEquals(784, saved.maxPixels());
        ImageProcessorConfig base = ImageProcessorConfig.read(plain.checkpoint().resolve("preprocessor_config.json"));
        assertEquals(
                ImageProcessorConfig.read(dir.resolve("base").resolve("preprocessor_config.json"))
                        .maxPixels(),
                base.maxPixels(),
                "without bounds the base model's file is kept");
        assertThrows(ConfigException.class, () -> config("bad", 1, "prompt.min_pixels=900", "prompt.max_pixels=800"));
    }

    @Test
    void mixedPrecisionFollowsTheFp32LossCurveAndResumesFromItsMasterWeights() throws IOException {
        new SftTrainer(config("curve-f32", 4), Collective.LOCAL).run(TrainSession.Resume.NO);
        SftTrainer.Result bf16 = new SftTrainer(config("curve-bf16", 4, "train.dtype=bf16"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        List<Double> f32 = losses("curve-f32");
        List<Double> mixed = losses("curve-bf16");
        for (int i = 0; i < f32.size(); i++) {
            double rel = Math.abs(mixed.get(i) - f32.get(i)) / f32.get(i);
            assertTrue(rel < 0.05, "step " + (i + 1) + ": bf16 " + mixed + " against f32 " + f32);
        }
        assertTrue(f32.getLast() < f32.getFirst() && mixed.getLast() < mixed.getFirst(), "both learn: " + mixed);
        assertTrue(
                Files.exists(bf16.checkpoint().resolve("trainer_state").resolve("aux.safetensors")),
                "the fp32 master weights are kept with the trainer state");
    }

    private static List<Double> losses(String run) throws IOException {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"))) {
            out.add(new ObjectMapper().readTree(line).get("loss").asDouble());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"f32", "bf16"})
    void resumedRunEqualsStraightRun(String dtype) throws IOException {
        String d = "train.dtype=" + dtype;
        SftTrainer.Result straight =
                new SftTrainer(config("straight-" + dtype, 4, d), Collective.LOCAL).run(TrainSession.Resume.NO);
        SftConfig halves = config("halves-" + dtype, 4, d, "run.save_every=2");
        // the first half: a run that stops after its step-2 checkpoint
        SftConfig firstHalf = Configs.resolve(halves, null, List.of("train.steps=2"));
        new SftTrainer(firstHalf, Collective.LOCAL).run(TrainSession.Resume.NO);
        IllegalStateException changed = assertThrows(
                IllegalStateException.class,
                () -> new SftTrainer(halves, Collective.LOCAL).run(new TrainSession.Resume(true, false)));
        assertTrue(changed.getMessage().contains("--force"), changed.getMessage());
        SftTrainer.Result resumed = new SftTrainer(halves, Collective.LOCAL).run(new TrainSession.Resume(true, true));
        assertEquals(4, resumed.steps());
        // bf16: equal only if the resumed run continues from the saved fp32 master weights, not the rounded model
        assertArrayEquals(weights(straight.checkpoint()), weights(resumed.checkpoint()), "weights after 2 + 2 steps");
        assertTrue(straight.lastLoss() < 5.0, "loss " + straight.lastLoss());
        List<String> metrics = Files.readAllLines(dir.resolve("halves-" + dtype).resolve("metrics.jsonl"));
        assertEquals(4, metrics.size(), "one metrics line per step after the resume: " + metrics);
        assertTrue(Files.readString(dir.resolve("halves-" + dtype).resolve("config.yaml"))
                .contains("# peak learning rate"));
    }

    @Test
    void everyCheckpointRecordsTheJudgePromptLayoutItTrainedWith() {
        Path after = new SftTrainer(
                        config("after", 1, "prompt.image_position=after-text", "prompt.template=r1-input"),
                        Collective.LOCAL)
                .run(TrainSession.Resume.NO)
                .checkpoint();
        assertEquals(new PromptLayout(ImagePosition.AFTER_TEXT, PromptTemplate.R1_INPUT), PromptLayout.read(after));
        try (ModelBundle b = ModelBundle.load(after)) {
            assertEquals(ImagePosition.AFTER_TEXT, b.promptLayout().imagePosition(), "what eval and serve follow");
        }
        Path kept = new SftTrainer(config("kept", 1, "model=" + after), Collective.LOCAL)
                .run(TrainSession.Resume.NO)
                .checkpoint();
        assertEquals(PromptLayout.read(after), PromptLayout.read(kept), "model: the base's layout");
        Path fresh = new SftTrainer(config("fresh", 1), Collective.LOCAL)
                .run(TrainSession.Resume.NO)
                .checkpoint();
        assertEquals(PromptLayout.DEFAULT, PromptLayout.read(fresh), "a base without a layout: the image first");
        var pair = TrainData.load(DataConfig.of(data.toString()), p -> true, "anything")
                .getFirst();
        var parts = SftTrainer.example(pair, PromptLayout.read(after))
                .prompt()
                .getFirst()
                .parts();
        assertTrue(parts.getFirst() instanceof ChatMessage.Text && parts.getLast() instanceof ChatMessage.Image);
        String text = ((ChatMessage.Text) parts.getFirst()).text();
        assertTrue(text.startsWith("###### [Question]:") && !text.contains("evaluator"), text);
        assertThrows(ConfigException.class, () -> config("bad", 1, "prompt.image_position=middle"));
    }

    @Test
    void blindFocusTrainsTheQuotesAgainWithoutTheImages() throws IOException {
        assertFocusTermTrains("blind_focus");
    }

    @Test
    void imageFocusTrainsTheFocusedTokensAgainWithTheImages() throws IOException {
        assertFocusTermTrains("image_focus"); // that its batches keep the images: FocusTermsTest
    }

    /** Weight 0 changes nothing, weight 1 moves the weights, the loss is logged, a wording it misses is an error. */
    private static void assertFocusTermTrains(String key) throws IOException {
        Path quotes = ToyWorld.toy(dir, key + "-quotes", "quote", "keep");
        String focus = "train." + key + "='Response [12]: (\\S+) [12]\\.'";
        SftTrainer.Result plain = new SftTrainer(config(key + "-plain", 2, "data.train=" + quotes), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        SftTrainer.Result unweighted = new SftTrainer(
                        config(key + "-unweighted", 2, "data.train=" + quotes, focus, "train." + key + "_weight=0"),
                        Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        SftTrainer.Result focused = new SftTrainer(
                        config(key + "-focused", 2, "data.train=" + quotes, focus), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        assertArrayEquals(weights(plain.checkpoint()), weights(unweighted.checkpoint()), "weight 0 changes nothing");
        assertFalse(
                Arrays.equals(weights(plain.checkpoint()), weights(focused.checkpoint())),
                "the " + key + " loss moves the weights");
        for (String line : Files.readAllLines(dir.resolve(key + "-focused").resolve("metrics.jsonl"))) {
            double loss = new ObjectMapper().readTree(line).path(key + "_loss").asDouble(Double.NaN);
            assertTrue(loss > 0 && Double.isFinite(loss), line);
        }
        IllegalArgumentException prose = assertThrows(
                IllegalArgumentException.class,
                () -> new SftTrainer(config(key + "-prose", 1, focus), Collective.LOCAL).run(TrainSession.Resume.NO));
        assertTrue(prose.getMessage().contains("train." + key), prose.getMessage());
    }

    @Test
    void frozenParametersKeepTheBaseValuesAndTheRestTrain() throws IOException {
        SftTrainer.Result r = new SftTrainer(config("frozen", 2, "train.freeze=visual\\..*"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        FrozenWeights.assertOnlyOthersMoved(dir.resolve("base"), r.checkpoint(), "visual.");

        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class,
                () -> new SftTrainer(config("frozen-none", 1, "train.freeze=vision\\..*"), Collective.LOCAL)
                        .run(TrainSession.Resume.NO));
        assertTrue(none.getMessage().contains("train.freeze 'vision\\..*' matches no parameter"), none.getMessage());
        IllegalArgumentException all = assertThrows(
                IllegalArgumentException.class,
                () -> new SftTrainer(config("frozen-all", 1, "train.freeze=.*"), Collective.LOCAL)
                        .run(TrainSession.Resume.NO));
        assertTrue(all.getMessage().contains("leaves no parameter to train"), all.getMessage());
        RuntimeException bad = assertThrows(RuntimeException.class, () -> config("frozen-bad", 1, "train.freeze=(x"));
        assertTrue(bad.getMessage().contains("train.freeze"), bad.getMessage());
    }

    @Test
    void nonFiniteStepIsSkippedAndChangesNothing() throws IOException {
        SftTrainer.Result one = new SftTrainer(config("one", 1), Collective.LOCAL).run(TrainSession.Resume.NO);
        AtomicInteger calls = new AtomicInteger();
        // 2 micro-batches per step: calls 2 and 3 are step 2
        UnaryOperator<Tensor> nanAtStep2 =
                loss -> calls.getAndIncrement() >= 2 ? loss.mul(new Scalar(Double.NaN)) : loss;
        SftTrainer.Result two =
                new SftTrainer(config("nan", 2), Collective.LOCAL, nanAtStep2).run(TrainSession.Resume.NO);
        assertEquals(1, two.skipped());
        assertArrayEquals(weights(one.checkpoint()), weights(two.checkpoint()), "the NaN step must not move a weight");
        assertTrue(Files.exists(dir.resolve("nan").resolve("skipped").resolve("step-1.json")));
        String last =
                Files.readAllLines(dir.resolve("nan").resolve("metrics.jsonl")).get(1);
        assertTrue(last.contains("\"applied\":false"), last);
        assertFalse(Double.isNaN(Tensors.item(Tensors.scalar(two.lastLoss()))), "last applied loss is finite");

        UnaryOperator<Tensor> alwaysNan = loss -> loss.mul(new Scalar(Double.NaN));
        TrainingAbortedException e = assertThrows(
                TrainingAbortedException.class,
                () -> new SftTrainer(config("always", 5, "run.max_skips=2"), Collective.LOCAL, alwaysNan)
                        .run(TrainSession.Resume.NO));
        assertTrue(e.getMessage().contains("2 consecutive steps"), e.getMessage());
        assertTrue(e.getMessage().contains("run.max_skips"), e.getMessage());
    }
}
