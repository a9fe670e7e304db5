package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.ImagePosition;
import dev.verdict.train.config.ConfigException;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.rl.Collapse;
import dev.verdict.train.rl.PolicyForward;
import dev.verdict.train.rl.RlConfig;
import dev.verdict.train.rl.RlTrainer;
import dev.verdict.train.rl.Rollouts;
import dev.verdict.train.sft.SftConfig;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RL end to end on a trivially learnable toy: a tiny model first learns the judgment format from judgments whose
 * answer is a coin flip, then RL on pairs that all prefer response 1 must raise the mean reward (answering "1" is
 * all it takes). Also: a non-finite RL update is skipped and leaves the weights untouched.
 */
class RlTrainerTest {
    @TempDir
    static Path dir;

    static Path sft;
    static Path ones;

    @BeforeAll
    static void coldStart() {
        ToyWorld.create(dir, 32);
        // a cold start that answers 2 three times in five, sampled at temperature 1: with the space-attached
        // tokenizer 40 SFT steps fit the cold start's answers closely, so it must leave RL room to improve
        Path coin = ToyWorld.toy(dir, "coin", "mostly-2", "keep");
        ones = ToyWorld.toy(dir, "ones", "random", "1");
        SftConfig cfg = Configs.resolve(
                SftConfig.defaults(),
                null,
                List.of(
                        "model=" + dir.resolve("base"),
                        "data.train=" + coin,
                        "run.out=" + dir.resolve("sft"),
                        "train.steps=40",
                        "train.batch_size=4",
                        "optim.lr=5e-3",
                        "optim.min_lr=2e-3",
                        "optim.warmup_steps=3",
                        "prompt.image_position=after-text",
                        "prompt.template=r1-input",
                        "run.threads=1"));
        sft = new SftTrainer(cfg, Collective.LOCAL).run(TrainSession.Resume.NO).checkpoint();
    }

    private static RlConfig config(String out, int steps, String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "model=" + sft,
                "data.train=" + ones,
                "run.out=" + dir.resolve(out),
                "train.steps=" + steps,
                "rollout.prompts_per_step=8",
                "rollout.samples_per_prompt=4",
                "rollout.max_new_tokens=16",
                "rollout.temperature=1.0",
                "reward.consistency_weight=0",
                "reward.consistency=none",
                "optim.lr=1e-4",
                "optim.min_lr=1e-4",
                "run.threads=1"));
        o.addAll(List.of(extra));
        return Configs.resolve(RlConfig.defaults(), null, o);
    }

    @Test
    void rlRaisesTheRewardOnALearnableToy() throws IOException {
        RlTrainer.Result r = new RlTrainer(config("rl", 10), Collective.LOCAL).run(TrainSession.Resume.NO);
        List<Double> rw = r.rewards();
        double first = (rw.get(0) + rw.get(1) + rw.get(2)) / 3;
        double last = (rw.get(7) + rw.get(8) + rw.get(9)) / 3;
        assertTrue(rw.get(0) > 0.2, "the cold start writes some valid judgments: rewards " + rw);
        assertTrue(last > first + 0.15, "the mean reward must rise: " + rw);
        List<String> lines = Files.readAllLines(dir.resolve("rl").resolve("metrics.jsonl"));
        assertEquals(10, lines.size());
        List<Collapse.Step> steps =
                Collapse.steps(dir.resolve("rl")); // the log read back as the collapse rules read it
        assertEquals(10, steps.size());
        for (Collapse.Step st : steps) {
            assertTrue(Double.isFinite(st.loss()) && !st.skipped(), st.toString());
            assertTrue(st.responseTokens() > 0 && st.responseTokens() <= 16, st.toString());
            assertTrue(st.format() >= 0 && st.format() <= 1, st.toString());
        }
        assertEquals(16, Collapse.maxNewTokens(dir.resolve("rl")), "rollout.max_new_tokens of the saved config");
        for (String key : List.of(
                "\"accuracy\"",
                "\"ratio_max\"",
                "\"filtered_fraction\"",
                "\"grad_norm\"",
                "\"response_tokens\"",
                "\"entropy\"",
                "\"gen_tokens_per_s\"",
                "\"clip_fraction\"")) {
            assertTrue(lines.get(0).contains(key), key + " in " + lines.get(0));
        }
        assertTrue(
                Files.readAllLines(dir.resolve("rl").resolve("samples.jsonl")).size() >= 8);
        assertEquals(
                PromptLayout.read(sft),
                PromptLayout.read(r.checkpoint()),
                "RL prompts and records its policy's layout");
        assertEquals(ImagePosition.AFTER_TEXT, PromptLayout.read(sft).imagePosition());
    }

    @Test
    void oldLogProbsAreTheSamplersOwnAtTheRolloutTemperature() {
        List<PairExample> pairs = TrainData.load(DataConfig.of(ones.toString()), p -> true, "anything");
        double temperature = 1.3;
        try (ModelBundle policy = ModelBundle.load(sft, DType.F32, Device.CPU);
                Scope s = Scope.open();
                NoGradGuard g = new NoGradGuard()) {
            RlConfig.Rollout cfg = new RlConfig.Rollout(4, 4, temperature, 1.0, 16, "as-is");
            Rollouts.Batch rb = Rollouts.sample(policy, pairs.subList(0, 4), cfg, 7, 0, 0);
            int[] lens = rb.actions().stream().mapToInt(a -> a.length).toArray();
            int t = Arrays.stream(lens).max().orElseThrow();
            Tensor mask = PolicyForward.mask(lens, t);
            Tensor sampler = PolicyForward.rightAligned(rb.samplerLogProbs(), t);
            Tensor atT = PolicyForward.run(policy.model(), rb.items(), t, temperature, false)
                    .logProbs();
            Tensor at1 =
                    PolicyForward.run(policy.model(), rb.items(), t, 1.0, false).logProbs();
            for (int micro : new int[] {1, 3}) { // train.micro_batch_size: the same log-probs, a chunk at a time
                Tensor chunked = PolicyForward.logProbs(policy.model(), rb.items(), t, temperature, micro);
                double gap = Tensors.item(chunked.sub(atT).abs().mul(mask).max());
                assertTrue(gap < 1e-5, "micro-batches of " + micro + " rows: max |chunked - whole| = " + gap);
            }
            double diffT = Tensors.item(atT.sub(sampler).abs().mul(mask).max());
            double diff1 = Tensors.item(at1.sub(sampler).abs().mul(mask).max());
            assertTrue(diffT < 1e-4, "scored at the rollout temperature: max |old - sampler| = " + diffT);
            assertTrue(diff1 > 1e-2, "at temperature 1 the log-probs are another policy's: " + diff1);
            int[] stops = policy.tokenizer().specials().stopIds();
            int ended = 0;
            for (int i = 0; i < rb.size(); i++) {
                assertEquals(lens[i], rb.samplerLogProbs().get(i).length, "one sampler log-prob per action token");
                long last = rb.actions().get(i)[lens[i] - 1];
                ended += rb.truncated()[i] ? 0 : 1;
                assertTrue(
                        rb.truncated()[i] || Arrays.stream(stops).anyMatch(id -> id == last),
                        "a rollout that ended ends on the end token it drew: " + last);
            }
            assertTrue(ended > 0, "some rollouts ended before max_new_tokens");
        }
    }

    @Test
    void frozenParametersKeepTheStartingModelsValues() {
        RlTrainer.Result r = new RlTrainer(config("rl-frozen", 1, "train.freeze=visual\\..*"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        FrozenWeights.assertOnlyOthersMoved(sft, r.checkpoint(), "visual.");
    }

    @Test
    void greedyJudgmentsOfHeldOutPairsAreLoggedOnTheirSteps() throws IOException {
        new RlTrainer(
                        config(
                                "rl-greedy",
                                3,
                                "greedy_eval.data=" + ones,
                                "greedy_eval.pairs=4",
                                "greedy_eval.every=2",
                                "greedy_eval.max_tokens=16"),
                        Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        List<String> lines = Files.readAllLines(dir.resolve("rl-greedy").resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        assertTrue(!lines.get(0).contains("greedy_"), "step 1 is no check step: " + lines.get(0));
        for (int i : new int[] {1, 2}) { // every 2 steps, and after the last
            JsonNode m = new ObjectMapper().readTree(lines.get(i));
            for (String key : List.of("greedy_accuracy", "greedy_format")) {
                double v = m.get(key).asDouble();
                assertTrue(v >= 0 && v <= 1 && v * 4 == Math.rint(v * 4), key + " over 4 pairs: " + v);
            }
            double tokens = m.get("greedy_tokens").asDouble();
            assertTrue(tokens > 0 && tokens <= 17, "greedy_tokens " + tokens);
        }
        assertThrows(ConfigException.class, () -> config("bad", 1, "greedy_eval.every=0"));
    }

    @Test
    void nonFiniteUpdateIsSkipped() throws IOException {
        RlTrainer.Result r = new RlTrainer(
                        config("rl-nan", 1), Collective.LOCAL, loss -> loss.mul(new Scalar(Double.NaN)))
                .run(TrainSession.Resume.NO);
        assertEquals(2, r.skipped(), "both updates of the step (algo.mini_batches 2) are skipped");
        assertArrayEquals(
                Files.readAllBytes(sft.resolve("model.safetensors")),
                Files.readAllBytes(r.checkpoint().resolve("model.safetensors")),
                "a skipped update leaves every weight as it was");
        assertTrue(Files.exists(dir.resolve("rl-nan").resolve("skipped").resolve("step-0.json")));
        List<Collapse.Step> steps = Collapse.steps(dir.resolve("rl-nan"));
        assertTrue(steps.getFirst().skipped() && Double.isNaN(steps.getFirst().loss()), steps.toString());
        assertTrue(Collapse.reason(steps, 16).orElseThrow().startsWith("non-finite loss or gradient at step 1"));
    }
}
