package dev.verdict.train.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.read.PairReader;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldTeacherJudge;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.Order;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.VerdictParser;
import dev.verdict.train.sft.SftTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillerSyntheticTest {
    @TempDir
    Path tmp;

    @Test
    void theRuleTeacherGetsEveryPairRightAtTheFirstAttemptAndTheOutputIsSftData() throws Exception {
        Path world = tmp.resolve("world");
        new SynthWriter(new World(WorldConfig.defaults(), 5), s -> {}).write(world, 8, 2, 2);
        Path out = tmp.resolve("cold").resolve("cold.jsonl");

        RunSummary s = new Distiller(new WorldTeacherJudge(), Distiller.Options.defaults(), l -> {})
                .run(world.resolve("train.jsonl"), out);

        assertEquals(Map.of(1, 8), s.attempts());
        assertEquals(0, s.failed());
        assertEquals(0, s.errors());
        assertEquals(8, s.kept());
        PairReader.Result back = PairReader.read(out, ReadOptions.defaults());
        assertTrue(back.problems().isEmpty(), back.problems().toString());
        Map<String, PairExample> original =
                PairReader.read(world.resolve("train.jsonl"), ReadOptions.defaults()).pairs().stream()
                        .collect(Collectors.toMap(PairExample::id, p -> p));
        assertEquals(8, back.pairs().size());
        for (PairExample p : back.pairs()) {
            assertTrue(SftTrainer.hasJudgment(p), p.id());
            String judgment = p.source().get("judgment");
            assertTrue(VerdictParser.parse(judgment).choice().matches(p.preferred()), judgment);
            assertEquals(original.get(p.id()).source().get("judgment"), judgment);
            assertEquals("1", p.source().get("attempts"));
            assertEquals("true", p.source().get("distill_ok"));
            assertEquals("synthetic", p.source().get("teacher"));
            assertEquals(original.get(p.id()).source().get("fact"), p.source().get("fact"));
            ImageRef.FilePath img =
                    assertInstanceOf(ImageRef.FilePath.class, p.images().getFirst());
            assertTrue(Files.isRegularFile(img.path()), img.path().toString());
        }
        assertEquals(List.of(), PairFixtures.ids(PairFiles.sibling(out, ".failed.jsonl")));
    }

    @Test
    void aPairShownSwappedIsWrittenAsTheTeacherSawIt() throws Exception {
        Path world = tmp.resolve("world");
        new SynthWriter(new World(WorldConfig.defaults(), 6), s -> {}).write(world, 4, 0, 0);
        Path out = tmp.resolve("swapped.jsonl");
        AttemptPlan plan = new AttemptPlan(3, 0, 0.7, JudgeOptions.defaults().with("order", Order.SWAPPED));
        Distiller.Options opts = new Distiller.Options(plan, 1, 0.05, false, false, 0);

        RunSummary s = new Distiller(new WorldTeacherJudge(), opts, l -> {}).run(world.resolve("train.jsonl"), out);

        assertEquals(Map.of(1, 4), s.attempts());
        Map<String, PairExample> original =
                PairReader.read(world.resolve("train.jsonl"), ReadOptions.defaults()).pairs().stream()
                        .collect(Collectors.toMap(PairExample::id, p -> p));
        for (PairExample p : PairReader.read(out, ReadOptions.defaults()).pairs()) {
            PairExample o = original.get(p.id());
            assertEquals(o.response2(), p.response1());
            assertEquals(o.preferred().swapped(), p.preferred());
            assertTrue(VerdictParser.parse(p.source().get("judgment")).choice().matches(p.preferred()));
            assertFalse(p.source().get("judgment").equals(o.source().get("judgment")));
        }
    }
}
