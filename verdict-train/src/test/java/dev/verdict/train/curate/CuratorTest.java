package dev.verdict.train.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.SamplingJudge;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CuratorTest {
    /** Every pair's label is 1: the script's 1 is right, 2 wrong, 0 unreadable. */
    private static final Map<String, List<Integer>> SCRIPT = Map.of(
            "p1", List.of(1),
            "p2", List.of(2, 1),
            "p3", List.of(0, 2, 1),
            "p4", List.of(2),
            "p5", List.of(1),
            "p6", List.of(2, 2, 2, 1));

    private static final List<String> IDS = List.of("p1", "p2", "p3", "p4", "p5", "p6");

    @TempDir
    Path tmp;

    @Test
    void fromAttemptsKeepsExactlyThePairsTheTeacherNeededTwoOrMoreAttemptsForOrFailed() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path cold = tmp.resolve("cold.jsonl");
        RunSummary d = new Distiller(new ScriptedJudge(SCRIPT), Distiller.Options.defaults(), l -> {}).run(data, cold);
        assertEquals(Map.of(1, 2, 2, 1, 3, 1), d.attempts());
        assertEquals(2, d.failed());

        Path rl = tmp.resolve("rl").resolve("rl.jsonl");
        RunSummary c = Curator.fromAttempts(List.of(cold, PairFiles.sibling(cold, ".failed.jsonl")), rl, 0);

        assertEquals(
                List.of("p2", "p3", "p4", "p6"),
                PairFixtures.ids(rl).stream().sorted().toList());
        assertEquals(4, c.kept());
        assertEquals(6, c.items());
        JsonNode p3 = PairFixtures.lines(rl).get("p3");
        assertEquals(3, p3.get("meta").get("attempts").asInt());
        assertEquals("fact of p3", p3.get("meta").get("fact").asText());
        String image = p3.get("images").get(0).asText();
        assertTrue(Files.isRegularFile(rl.getParent().resolve(image)), image);
    }

    @Test
    void fromAttemptsNamesTheFileLineAndFieldWhenAttemptsAreMissing() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Curator.fromAttempts(List.of(data), tmp.resolve("rl.jsonl"), 0));
        assertTrue(e.getMessage().contains("pairs.jsonl:line 1"), e.getMessage());
        assertTrue(e.getMessage().contains("meta.attempts: missing"), e.getMessage());
    }

    @Test
    void aJudgeKeepsThePairsItNeededTwoOrMoreAttemptsForOrFailed() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path rl = tmp.resolve("rl.jsonl");
        ScriptedJudge judge = new ScriptedJudge(SCRIPT);

        RunSummary s = new Curator(judge, Curator.Options.defaults(), l -> {}).run(data, rl);

        assertEquals(
                List.of("p2", "p3", "p4", "p6"),
                PairFixtures.ids(rl).stream().sorted().toList());
        assertEquals(Map.of(1, 2, 2, 1, 3, 1), s.attempts());
        assertEquals(2, s.failed());
        JsonNode p2 = PairFixtures.lines(rl).get("p2");
        assertEquals(2, p2.get("meta").get("curate_attempts").asInt());
        assertTrue(p2.get("meta").get("curate_ok").asBoolean());
        assertEquals("scripted", p2.get("meta").get("curate_judge").asText());
        Map<String, JsonNode> log = PairFixtures.lines(PairFiles.sibling(rl, ".attempts.jsonl"));
        assertEquals(6, log.size());
        assertEquals("[0,2,1]", log.get("p3").get("choices").toString());
        assertTrue(!log.get("p5").get("kept").asBoolean());
        // greedy first, then temperature 1
        assertEquals(0.0, judge.temperatures.get(judge.calledIds.indexOf("p2")));
        assertEquals(1.0, judge.temperatures.get(judge.calledIds.lastIndexOf("p2")));
    }

    @Test
    void resumeSkipsTheIdsAlreadyJudged() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path rl = tmp.resolve("rl.jsonl");
        new Curator(new ScriptedJudge(SCRIPT), options(false, 3), l -> {}).run(data, rl);
        // a crash mid-line leaves a partial last line; the resume drops it
        Path log = PairFiles.sibling(rl, ".attempts.jsonl");
        Files.writeString(log, "{\"id\":\"p4\",\"attem", StandardOpenOption.APPEND);
        ScriptedJudge second = new ScriptedJudge(SCRIPT);

        RunSummary s = new Curator(second, options(true, 0), l -> {}).run(data, rl);

        assertEquals(3, s.skipped());
        assertEquals(
                List.of("p4", "p5", "p6"),
                second.calledIds.stream().distinct().sorted().toList());
        assertEquals(
                List.of("p2", "p3", "p4", "p6"),
                PairFixtures.ids(rl).stream().sorted().toList());
        assertEquals(IDS, PairFixtures.ids(log).stream().sorted().toList());
    }

    @Test
    void aStopEndsTheRunWithoutRecordingErrorsAndAResumeContinues() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path rl = tmp.resolve("rl.jsonl");
        ScriptedJudge script = new ScriptedJudge(SCRIPT);
        SamplingJudge stopsAtP3 = new SamplingJudge() {
            @Override
            public String name() {
                return "stops";
            }

            @Override
            protected List<String> sample(PairExample presented, JudgeOptions options) {
                if (presented.id().equals("p3")) {
                    StopRequest.request("signal");
                    // the way a local model's stop arrives: wrapped by the judge that generated
                    throw new IllegalStateException("judge failed", new StoppedException("generation stopped"));
                }
                return script.sample(presented, options);
            }
        };
        try {
            StoppedException e = assertThrows(
                    StoppedException.class, () -> new Curator(stopsAtP3, options(false, 0), l -> {}).run(data, rl));
            assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        } finally {
            StopRequest.clear();
        }
        Path log = PairFiles.sibling(rl, ".attempts.jsonl");
        assertEquals(
                List.of("p1", "p2"), PairFixtures.ids(log).stream().sorted().toList());
        Path errors = PairFiles.sibling(rl, ".errors.jsonl");
        assertTrue(!Files.exists(errors) || Files.readString(errors).isBlank(), "a stop is not an item error");

        RunSummary s = new Curator(new ScriptedJudge(SCRIPT), options(true, 0), l -> {}).run(data, rl);
        assertEquals(2, s.skipped());
        assertEquals(IDS, PairFixtures.ids(log).stream().sorted().toList());
    }

    @Test
    void replayKeepsEasyPairsBesideTheHardOnesAndARerunGivesTheSameFile() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path rl = tmp.resolve("rl.jsonl");
        List<String> lines = new ArrayList<>();
        new Curator(new ScriptedJudge(SCRIPT), options(false, 0, 0.25), lines::add).run(data, rl);

        // 4 hard pairs x 0.25 = one of the two easy pairs (p1, p5: right at the first attempt)
        List<String> ids = PairFixtures.ids(rl).stream().sorted().toList();
        assertEquals(5, ids.size(), ids.toString());
        assertTrue(ids.containsAll(List.of("p2", "p3", "p4", "p6")), ids.toString());
        String easy = ids.contains("p1") ? "p1" : "p5";
        JsonNode meta = PairFixtures.lines(rl).get(easy).get("meta");
        assertTrue(meta.get(Replay.META_KEY).asBoolean());
        assertEquals(1, meta.get("curate_attempts").asInt());
        assertEquals("scripted", meta.get("curate_judge").asText());
        assertTrue(!PairFixtures.lines(rl).get("p2").get("meta").has(Replay.META_KEY), "hard pairs are not marked");
        assertTrue(lines.stream().anyMatch(l -> l.contains("replayed 1 easy pair")), lines.toString());
        String first = Files.readString(rl);

        new Curator(new ScriptedJudge(SCRIPT), options(true, 0, 0.25), l -> {}).run(data, rl);
        assertEquals(first, Files.readString(rl), "a rerun replays the same pairs, once");
        new Curator(new ScriptedJudge(SCRIPT), options(true, 0, 0), l -> {}).run(data, rl);
        assertEquals(
                List.of("p2", "p3", "p4", "p6"),
                PairFixtures.ids(rl).stream().sorted().toList(),
                "without replay the earlier replayed pairs go");
    }

    @Test
    void distillWritesItsOutputsInInputOrderWhateverOrderTheJudgmentsFinishIn() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        ScriptedJudge script = new ScriptedJudge(SCRIPT);
        SamplingJudge laterFirst = new SamplingJudge() {
            @Override
            public String name() {
                return "slow-first";
            }

            @Override
            protected List<String> sample(PairExample presented, JudgeOptions options) {
                try {
                    Thread.sleep(10L * (IDS.size() - IDS.indexOf(presented.id()))); // p1 finishes last
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return script.sample(presented, options);
            }
        };
        Path cold = tmp.resolve("cold.jsonl");
        var opts = new Distiller.Options(AttemptPlan.distillDefaults(), IDS.size(), 0.05, false, false, 0);
        new Distiller(laterFirst, opts, l -> {}).run(data, cold);
        assertEquals(List.of("p1", "p2", "p3", "p5"), PairFixtures.ids(cold));
        assertEquals(List.of("p4", "p6"), PairFixtures.ids(PairFiles.sibling(cold, ".failed.jsonl")));
    }

    @Test
    void mirrorsAreMarkedAndAMirrorKeyNoPairHasIsAnError() throws Exception {
        Path data = PairFixtures.write(tmp.resolve("in"), IDS);
        Path rl = tmp.resolve("rl.jsonl");
        List<String> lines = new ArrayList<>();
        // every pair has its own meta.fact, so each easy pair (p1, p5) mirrors one of the four hard ones
        new Curator(new ScriptedJudge(SCRIPT), options(false, 0, 0, "fact"), lines::add).run(data, rl);

        assertEquals(List.of("p1", "p2", "p3", "p4", "p5", "p6"), PairFixtures.ids(rl));
        for (String easy : List.of("p1", "p5")) {
            JsonNode meta = PairFixtures.lines(rl).get(easy).get("meta");
            assertTrue(meta.get(Replay.META_KEY).asBoolean());
            assertTrue(meta.get(Replay.MIRROR_KEY).asBoolean());
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("2 as mirrors")), lines.toString());

        Path other = tmp.resolve("rl2.jsonl");
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> new Curator(new ScriptedJudge(SCRIPT), options(false, 0, 0, "answer"), l -> {}).run(data, other));
        assertTrue(e.getMessage().contains("meta.answer") && e.getMessage().contains("pairs.jsonl"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> options(false, 0, 0, " "));
    }

    @Test
    void aNegativeReplayIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> options(false, 0, -1));
        assertTrue(e.getMessage().contains("--replay"), e.getMessage());
    }

    private static Curator.Options options(boolean resume, int limit) {
        return options(resume, limit, 0);
    }

    private static Curator.Options options(boolean resume, int limit, double replay) {
        return options(resume, limit, replay, "");
    }

    private static Curator.Options options(boolean resume, int limit, double replay, String mirror) {
        return new Curator.Options(AttemptPlan.curateDefaults(), 1, 0.05, resume, limit, replay, mirror);
    }
}
