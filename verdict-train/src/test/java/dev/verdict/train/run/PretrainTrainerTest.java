package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tensor.SafetensorsFile;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.train.config.ConfigException;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.pretrain.PretrainConfig;
import dev.verdict.train.pretrain.PretrainData;
import dev.verdict.train.pretrain.PretrainTrainer;
import dev.verdict.train.sft.CellProbe;
import dev.verdict.train.sft.SftBatch;
import dev.verdict.train.sft.SftExample;
import dev.verdict.train.sft.SftLoss;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pretraining stage: captions and answers plus the dense cell loss, resumable with its probe. */
class PretrainTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    @BeforeAll
    static void world() {
        ToyWorld.create(dir, 4);
    }

    private static PretrainConfig config(String out, int steps, String... extra) {
        List<String> o = new ArrayList<>(List.of(
                "model=" + dir.resolve("base"),
                "data=" + dir.resolve("world").resolve("pretrain.jsonl"),
                "run.out=" + dir.resolve(out),
                "train.steps=" + steps,
                "train.batch_size=4",
                "optim.lr=3e-3",
                "optim.warmup_steps=1",
                "run.threads=1"));
        o.addAll(List.of(extra));
        return Configs.resolve(PretrainConfig.defaults(), null, o);
    }

    @Test
    void eachImageIsOneConversationOfItsCaptionAndQuestions() throws IOException {
        Path file = dir.resolve("world").resolve("pretrain.jsonl");
        PretrainData data = PretrainData.read(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(lines.size(), data.size(), "one item per image");
        JsonNode first = JSON.readTree(lines.getFirst());
        int questions = first.get("qa").size();
        SftExample ex = data.example(0);
        assertEquals(2 * questions + 1, ex.prompt().size(), "caption turn + answered questions + the last question");
        assertTrue(ex.prompt().getFirst().toString().contains(PretrainData.CAPTION_QUESTION));
        assertTrue(ex.prompt().get(1).toString().contains(first.get("caption").asText()));
        assertEquals(first.get("qa").get(questions - 1).get("answer").asText(), ex.reply());
        assertEquals(16, ex.cells().length, "one label per merged image token (4 x 4 grid)");
        assertEquals(first.get("id").asText(), data.id(0));
    }

    @Test
    void cellLossFallsAndTheProbeResumesExactly() throws IOException {
        // the cell loss alone (no feature-scale penalty) falls fast on four images
        SftTrainer.Result straight = new PretrainTrainer(config("straight", 4, "feature_rms=0"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        List<JsonNode> m = metrics("straight");
        double first = m.getFirst().get("cell_loss").asDouble();
        double last = m.getLast().get("cell_loss").asDouble();
        assertEquals(Math.log(17), first, 1e-3, "a zero probe starts uniform over the 17 cell classes");
        assertTrue(last < 0.8 * first, "cell loss " + first + " -> " + last);
        assertTrue(Files.isRegularFile(
                straight.checkpoint().resolve("trainer_state").resolve("aux.safetensors")));

        assertHalvesResumeExactly(straight, "halves", "feature_rms=0");
    }

    /**
     * A 4-step run stopped after its step-2 checkpoint and resumed ends where {@code straight} (the same settings,
     * 4 steps in one go) did, the model and the probe alike; with one warmup step the schedule of steps 0 and 1 is the
     * same for a 2-step and a 4-step run.
     */
    private static void assertHalvesResumeExactly(SftTrainer.Result straight, String out, String... sets)
            throws IOException {
        List<String> all = new ArrayList<>(List.of(sets));
        all.add("run.save_every=2");
        PretrainConfig halves = config(out, 4, all.toArray(String[]::new));
        new PretrainTrainer(Configs.resolve(halves, null, List.of("train.steps=2")), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        SftTrainer.Result resumed =
                new PretrainTrainer(halves, Collective.LOCAL).run(new TrainSession.Resume(true, true));
        assertArrayEquals(
                bytes(straight.checkpoint(), "model.safetensors"), bytes(resumed.checkpoint(), "model.safetensors"));
        assertArrayEquals(
                bytes(straight.checkpoint(), "trainer_state/aux.safetensors"),
                bytes(resumed.checkpoint(), "trainer_state/aux.safetensors"),
                "the probe continues where it stopped");
    }

    @Test
    void wordTargetsPullEachImageTokenTowardItsClasssWordsAndResumeExactly() throws IOException {
        SftTrainer.Result straight = new PretrainTrainer(
                        config("words", 4, "cell_targets=words", "feature_rms=0", "optim.lr=1e-2"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        List<JsonNode> m = metrics("words");
        double first = m.getFirst().get("cell_loss").asDouble();
        double last = m.getLast().get("cell_loss").asDouble();
        assertTrue(last < first, "cell loss " + first + " -> " + last);
        assertHalvesResumeExactly(straight, "words-halves", "cell_targets=words", "feature_rms=0", "optim.lr=1e-2");
    }

    @Test
    void theCellLossTrainsTheVisionTowerAndLeavesTheDecoderAlone() {
        PretrainData data = PretrainData.read(dir.resolve("world").resolve("pretrain.jsonl"));
        try (ModelBundle b = ModelBundle.load(dir.resolve("base"));
                Scope s = Scope.open()) {
            b.model().requiresGrad(true);
            SftBatch batch = SftBatch.build(List.of(data.example(0), data.example(1)), b.encoder(), b.tokenizer(), 512);
            var probe = CellProbe.of(
                    Map.of(
                            CellProbe.WEIGHT,
                            org.bytedeco.pytorch.global.torch.randn(data.classes(), 192),
                            CellProbe.BIAS,
                            org.bytedeco.pytorch.global.torch.zeros(data.classes())),
                    0.1,
                    false);
            SftLoss.Sums sums = SftLoss.sums(b.model(), batch, probe);
            sums.cells().add(sums.probe().scale()).backward();
            var params = b.model().parameters();
            assertTrue(
                    Tensors.item(params.get("visual.patch_embed.proj.weight")
                                    .grad()
                                    .abs()
                                    .sum())
                            > 0,
                    "the vision tower learns from the cell labels");
            for (String decoder : List.of("model.norm.weight", "model.layers.0.self_attn.q_proj.weight")) {
                var g = params.get(decoder).grad();
                assertTrue(!g.defined() || Tensors.item(g.abs().sum()) == 0, decoder + " got a gradient");
            }
        }
    }

    @Test
    void tokensTheDataNeverContainsKeepTheirEmbedding() throws IOException {
        SftTrainer.Result r = new PretrainTrainer(
                        config("seen", 3, "token_rows=seen", "decoder=trained"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        double frozenMove = rowMove(r.checkpoint(), " Response"); // judgment vocabulary, never in pretraining data
        double trainedMove = rowMove(r.checkpoint(), " circle");
        assertEquals(0.0, frozenMove, "an unseen token's row moved by " + frozenMove);
        assertTrue(trainedMove > 1e-3, "a seen token's row moved by only " + trainedMove);
        SftTrainer.Result none =
                new PretrainTrainer(config("none", 3, "token_rows=none"), Collective.LOCAL).run(TrainSession.Resume.NO);
        try (var before = SafetensorsFile.open(dir.resolve("base").resolve("model.safetensors"));
                var after = SafetensorsFile.open(none.checkpoint().resolve("model.safetensors"))) {
            double moved = Tensors.item(after.copy("model.embed_tokens.weight")
                    .sub(before.copy("model.embed_tokens.weight"))
                    .abs()
                    .max());
            assertTrue(moved < 1e-5, "token_rows=none moved an embedding row by " + moved);
        }
    }

    @Test
    void aFrozenDecoderKeepsEveryDecoderTensorAndTheVisionTowerLearns() throws IOException {
        SftTrainer.Result r = new PretrainTrainer(config("decoder-frozen", 3, "decoder=frozen"), Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        try (var before = SafetensorsFile.open(dir.resolve("base").resolve("model.safetensors"));
                var after = SafetensorsFile.open(r.checkpoint().resolve("model.safetensors"))) {
            boolean visionMoved = false;
            for (String name : before.tensors().keySet()) {
                double moved = Tensors.item(
                        after.copy(name).sub(before.copy(name)).abs().max());
                if (name.startsWith("visual.")) {
                    visionMoved |= moved > 1e-4;
                } else {
                    assertEquals(0.0, moved, name + " moved with the decoder frozen");
                }
            }
            assertTrue(visionMoved, "no vision tensor moved");
        }
    }

    @Test
    void heldOutImagesAreAskedTheirQuestionsAndScoredPerKind() throws IOException {
        new PretrainTrainer(
                        config(
                                "held-out",
                                4,
                                "held_out.images=1",
                                "held_out.every=2",
                                "decoder=trained",
                                "turns=single"),
                        Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        List<JsonNode> m = metrics("held-out");
        assertTrue(m.get(0).get("held_out") == null, "step 1 is no measuring step");
        for (int step : new int[] {2, 4}) {
            JsonNode h = m.get(step - 1).get("held_out");
            assertTrue(h != null, "step " + step + " measures the held-out image");
            double acc = h.get("accuracy").asDouble();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            assertTrue(h.get("by_kind").has(PretrainData.CAPTION_QUESTION), "kinds: " + h.get("by_kind"));
            double rms = m.get(step - 1).get("feature_rms").asDouble();
            assertTrue(rms > 0 && Double.isFinite(rms), "feature_rms " + rms);
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new PretrainTrainer(config("held-all", 2, "held_out.images=4"), Collective.LOCAL)
                        .run(TrainSession.Resume.NO));
        assertTrue(e.getMessage().contains("held_out.images 4"), e.getMessage());
    }

    @Test
    void judgmentsMixIntoPretrainingAndTheirImageTokensCarryNoCellLabel() throws IOException {
        Path judgments = ToyWorld.toy(dir, "judged", "label", "keep");
        PretrainData data = PretrainData.read(dir.resolve("world").resolve("pretrain.jsonl"));
        var pairs = TrainData.load(DataConfig.of(judgments.toString()), p -> true, "anything");
        SftExample judgment =
                SftTrainer.judgments(pairs, judgments, PromptLayout.DEFAULT).example(0);
        try (ModelBundle b = ModelBundle.load(dir.resolve("base"))) {
            SftBatch batch = SftBatch.build(List.of(data.example(0), judgment), b.encoder(), b.tokenizer(), 1024);
            long ignored = Arrays.stream(batch.cells())
                    .filter(c -> c == CellProbe.IGNORE)
                    .count();
            assertEquals(data.example(0).cells().length + ignored, batch.cells().length);
            assertTrue(ignored > 0, "the judgment's image tokens are in the batch, unlabelled");
        }

        SftTrainer.Result r = new PretrainTrainer(
                        config(
                                "mixed",
                                3,
                                "decoder=trained",
                                "token_rows=seen",
                                "train.max_tokens=1024",
                                "judgments.train=" + judgments,
                                "judgments.share=0.5"),
                        Collective.LOCAL)
                .run(TrainSession.Resume.NO);
        double moved = rowMove(r.checkpoint(), " Response"); // only in the judgments
        assertTrue(moved > 1e-4, "token_rows=seen includes the judgments' words: moved " + moved);
        for (JsonNode line : metrics("mixed")) {
            assertTrue(Double.isFinite(line.get("loss").asDouble()), line.toString());
            double cell = line.get("cell_loss").asDouble();
            assertTrue(cell > 0 && cell < Math.log(17) + 1e-3, "the cell loss is per labelled cell: " + cell);
        }
        var e = assertThrows(ConfigException.class, () -> config("bad", 1, "judgments.train=" + judgments));
        assertTrue(e.getMessage().contains("judgments.share"), e.getMessage());
    }

    @Test
    void aQuestionPrefixGoesBetweenTheImageAndTheFirstQuestion() {
        PretrainData data = PretrainData.read(dir.resolve("world").resolve("pretrain.jsonl"))
                .singleTurnItems();
        PretrainData far = data.questionsPrefixed("FILLER\n\n");
        assertEquals(data.size(), far.size());
        for (int i = 0; i < data.size(); i++) {
            assertEquals(
                    "FILLER\n\n" + data.questions(i).getFirst(),
                    far.questions(i).getFirst());
            assertEquals(data.example(i).reply(), far.example(i).reply(), "the answers stay");
            String user = far.example(i).prompt().getFirst().toString();
            assertTrue(user.indexOf("FILLER") < user.indexOf(data.questions(i).getFirst()), user);
        }
        assertThrows(ConfigException.class, () -> config("bad", 1, "question_context=far"));
    }

    @Test
    void badLineIsNamed() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"x\",\"image\":\"a.png\",\"caption\":\"c\",\"qa\":[],\"cells\":[0,-1]}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainData.read(bad));
        assertTrue(e.getMessage().contains("bad.jsonl:1") && e.getMessage().contains("cells[1]"), e.getMessage());
    }

    /** How far the embedding row of {@code word}'s first token moved from the base to {@code checkpoint}. */
    private static double rowMove(Path checkpoint, String word) {
        try (var before = SafetensorsFile.open(dir.resolve("base").resolve("model.safetensors"));
                var after = SafetensorsFile.open(checkpoint.resolve("model.safetensors"));
                var tok = Tokenizer.load(dir.resolve("base"))) {
            long row = tok.encode(word)[0];
            return Tensors.item(after.copy("model.embed_tokens.weight")
                    .get(row)
                    .sub(before.copy("model.embed_tokens.weight").get(row))
                    .abs()
                    .max());
        }
    }

    private static List<JsonNode> metrics(String run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static byte[] bytes(Path checkpoint, String file) throws IOException {
        return Files.readAllBytes(checkpoint.resolve(file));
    }
}
