package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.eval.metrics.InvalidPolicy;
import dev.verdict.judge.BaselineJudge;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable runs: an interrupted items.jsonl resumes to identical metrics; judge errors are recorded, retried. */
class EvalResumeTest {

    @TempDir
    Path tmp;

    /** 60 labelled pairs in our schema, three categories, groups of three, responses never of equal length. */
    private Path data() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String cat = List.of("perception", "hallucination", "reasoning").get(i % 3);
            lines.add(String.format(
                    "{\"id\":\"item-%d\",\"group_id\":\"g%d\",\"question\":\"q%d\",\"response_1\":\"%s\","
                            + "\"response_2\":\"%s\",\"preferred\":%d,\"category\":\"%s\"}",
                    i, i / 3, i, "a".repeat(3 + 2 * (i % 5)), "b".repeat(4 + 2 * (i % 3)), 1 + i % 2, cat));
        }
        Path f = tmp.resolve("pairs.jsonl");
        Files.write(f, lines);
        return f;
    }

    private static ObjectNode figures(JsonNode m) {
        ObjectNode o = m.deepCopy();
        o.remove("provenance");
        o.remove("mean_latency_ms");
        ((ObjectNode) o.get("config")).remove("concurrency");
        return o;
    }

    private static EvalConfig config(Path data) {
        return EvalConfig.of(Bench.JSONL, data, "random")
                .with("votes", 5, "temperature", 1.0)
                .with("order", OrderMode.BOTH)
                .with("seed", 3L, "limit", 0, "concurrency", 1, "blind", BlindMode.OFF, "imageRoot", null);
    }

    @Test
    void truncatedRunResumesToIdenticalMetrics() throws IOException {
        Path data = data();
        EvalConfig cfg = config(data);
        JsonNode full;
        try (PairJudge j = BaselineJudge.named("random")) {
            full = Evaluation.run(j, cfg, tmp.resolve("full"), false, "t", s -> {})
                    .metrics();
        }
        Path out = tmp.resolve("cut");
        try (PairJudge j = BaselineJudge.named("random")) {
            Evaluation.run(j, cfg, out, false, "t", s -> {});
        }
        Path items = out.resolve(EvalRunner.ITEMS);
        byte[] all = Files.readAllBytes(items);
        int cut = nthNewline(all, 37) + 25; // 37 whole lines, then a partial one
        Files.write(items, Arrays.copyOf(all, cut));
        List<String> progress = new ArrayList<>();
        JsonNode resumed;
        try (PairJudge j = BaselineJudge.named("random")) {
            resumed = Evaluation.run(
                            j,
                            cfg.with(
                                    "seed",
                                    3L,
                                    "limit",
                                    0,
                                    "concurrency",
                                    4,
                                    "blind",
                                    BlindMode.OFF,
                                    "imageRoot",
                                    null),
                            out,
                            true,
                            "t",
                            progress::add)
                    .metrics();
        }
        assertEquals(figures(full), figures(resumed));
        assertEquals(120, resumed.get("judgments").asInt());
        assertEquals(120, Files.readAllLines(items, StandardCharsets.UTF_8).size());
        assertTrue(progress.stream().anyMatch(p -> p.startsWith("resume: 37 judgments")), progress.toString());
        assertEquals(5, full.get("voting").size());
        assertEquals(5, full.get("any").size());
    }

    @Test
    void votingAtKIsAPrefixOfTheLongerRun() throws IOException {
        Path data = data();
        EvalConfig one = config(data).with("votes", 1, "temperature", 1.0);
        JsonNode k1;
        JsonNode k5;
        try (PairJudge j = BaselineJudge.named("random")) {
            k1 = Evaluation.run(j, one, tmp.resolve("k1"), false, "t", s -> {}).metrics();
            k5 = Evaluation.run(j, config(data), tmp.resolve("k5"), false, "t", s -> {})
                    .metrics();
        }
        assertEquals(k1.get("overall"), k5.at("/voting/1/overall"));
        assertEquals(k1.get("macro"), k5.at("/voting/1/macro"));
        assertEquals(k1.at("/any/1"), k5.at("/any/1"));
        assertEquals(k5.get("overall"), k5.at("/voting/5/overall"));
        double previous = -1;
        for (int k = 1; k <= 5; k++) {
            double any = k5.at("/any/" + k).asDouble();
            assertTrue(any >= previous, "any@K never decreases");
            previous = any;
        }
        assertTrue(previous > 90, "any@5 of a coin judge is about 97%: " + previous);
    }

    @Test
    void existingItemsWithoutResumeIsAnError() throws IOException {
        Path data = data();
        try (PairJudge j = BaselineJudge.named("first")) {
            Evaluation.run(j, config(data), tmp.resolve("o"), false, "t", s -> {});
            IOException e = assertThrows(
                    IOException.class, () -> Evaluation.run(j, config(data), tmp.resolve("o"), false, "t", s -> {}));
            assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        }
    }

    @Test
    void resumeWithDifferentJudgingOptionsIsRefused() throws IOException {
        Path data = data();
        Path out = tmp.resolve("mixed");
        try (PairJudge j = BaselineJudge.named("random")) {
            Evaluation.run(j, config(data), out, false, "t", s -> {});
            IOException e = assertThrows(
                    IOException.class,
                    () -> Evaluation.run(
                            j, config(data).with("votes", 3, "temperature", 1.0), out, true, "t", s -> {}));
            assertTrue(e.getMessage().contains("votes: was 5, now 3"), e.getMessage());
            JsonNode rescored = Evaluation.run(
                            j, config(data).with("invalid", InvalidPolicy.EXCLUDED), out, true, "t", s -> {})
                    .metrics();
            assertEquals("excluded", rescored.at("/config/invalid").asText(), "scoring options may change");
        }
    }

    @Test
    void judgeErrorsAreRecordedCountedAndRetriedOnResume() throws IOException {
        Path data = data();
        EvalConfig cfg = EvalConfig.of(Bench.JSONL, data, "flaky").with("order", OrderMode.FIXED);
        AtomicInteger calls = new AtomicInteger();
        Path out = tmp.resolve("flaky");
        JsonNode first;
        try (PairJudge j = new Flaky(true, calls)) {
            first = Evaluation.run(j, cfg, out, false, "t", s -> {}).metrics();
        }
        assertEquals(60, first.get("judgments").asInt());
        assertEquals(20, first.get("errors").asInt(), "every third item fails");
        assertEquals(100.0 * 20 / 60, first.get("invalid_rate").asDouble(), 1e-9);
        calls.set(0);
        JsonNode second;
        try (PairJudge j = new Flaky(false, calls)) {
            second = Evaluation.run(j, cfg, out, true, "t", s -> {}).metrics();
        }
        assertEquals(20, calls.get(), "only the error lines are judged again");
        assertEquals(0, second.get("errors").asInt());
        assertEquals(60, second.get("judgments").asInt());
        JsonNode clean;
        try (PairJudge j = BaselineJudge.named("longer")) {
            clean = Evaluation.run(j, cfg, tmp.resolve("clean"), false, "t", s -> {})
                    .metrics();
        }
        assertEquals(clean.get("overall"), second.get("overall"));
    }

    private static int nthNewline(byte[] b, int n) {
        int seen = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && ++seen == n) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " lines");
    }

    /** The "longer" baseline that throws on rows whose id number is divisible by 3 when {@code failing}. */
    private static final class Flaky implements PairJudge {
        private final boolean failing;
        private final AtomicInteger calls;
        private final PairJudge inner = BaselineJudge.named("longer");

        Flaky(boolean failing, AtomicInteger calls) {
            this.failing = failing;
            this.calls = calls;
        }

        @Override
        public Verdict judge(PairExample pair, JudgeOptions options) {
            calls.incrementAndGet();
            int n = Integer.parseInt(pair.id().substring("item-".length()));
            if (failing && n % 3 == 0) {
                throw new JudgeException("simulated HTTP 503 for " + pair.id());
            }
            return inner.judge(pair, options);
        }

        @Override
        public String name() {
            return "flaky";
        }
    }
}
