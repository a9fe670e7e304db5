package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.train.config.Configs;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.pretrain.PretrainConfig;
import dev.verdict.train.pretrain.PretrainData;
import dev.verdict.train.pretrain.PretrainTrainer;
import dev.verdict.train.sft.SftExample;
import dev.verdict.train.sft.SftTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        SftTrainer.Result straight =
                new PretrainTrainer(config("straight", 4), Collective.LOCAL).run(TrainSession.Resume.NO);
        List<JsonNode> m = metrics("straight");
        double first = m.getFirst().get("cell_loss").asDouble();
        double last = m.getLast().get("cell_loss").asDouble();
        assertEquals(Math.log(17), first, 1e-3, "a zero probe starts uniform over the 17 cell classes");
        assertTrue(last < 0.8 * first, "cell loss " + first + " -> " + last);
        assertTrue(Files.isRegularFile(
                straight.checkpoint().resolve("trainer_state").resolve("aux.safetensors")));

        // the first half stops after its step-2 checkpoint; with one warmup step the schedule of steps 0 and 1
        // is the same for a 2-step and a 4-step run
        PretrainConfig halves = config("halves", 4, "run.save_every=2");
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
    void badLineIsNamed() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"x\",\"image\":\"a.png\",\"caption\":\"c\",\"qa\":[],\"cells\":[0,-1]}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainData.read(bad));
        assertTrue(e.getMessage().contains("bad.jsonl:1") && e.getMessage().contains("cells[1]"), e.getMessage());
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
