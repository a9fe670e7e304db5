package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.cli.VerdictCli;
import dev.verdict.train.pretrain.BaseCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's wiring with a handful of steps per stage: every stage runs, summary.json has the documented
 * keys with values in range, the report is written, and a second run over the same world reuses the base; then the
 * ablation benchmark over that world, and its continuation.
 */
class QuickstartSmokeIT {
    @TempDir
    Path dir;

    @Test
    void smokeRunProducesTheSummaryAndCachesTheBase() throws Exception {
        Path out = dir.resolve("out");
        Path cache = dir.resolve("cache");
        int code = VerdictCli.commandLine()
                .execute("quickstart", "--smoke", "--out", out.toString(), "--cache", cache.toString(), "--nproc", "1");
        assertEquals(0, code);

        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : List.of(
                "sft.accuracy",
                "rl.accuracy",
                "rl.voting5_accuracy",
                "rl.blind_accuracy",
                "sft.blind_accuracy",
                "sft.fact_stated",
                "rl.fact_stated",
                "rl.blind_fact_stated")) {
            double v = at(s, key).asDouble(Double.NaN);
            assertTrue(v >= 0 && v <= 1, key + " = " + v);
        }
        assertTrue(at(s, "sft.mean_response_tokens").asDouble() > 0);
        assertTrue(at(s, "rl.mean_response_tokens").asDouble() > 0);
        List<String> stages = new ArrayList<>();
        s.get("stages").forEach(t -> {
            stages.add(t.get("name").asText());
            assertTrue(t.get("seconds").asDouble() >= 0);
        });
        assertEquals(
                List.of(
                        "synth",
                        "pretrain",
                        "distill",
                        "sft",
                        "curate",
                        "rl",
                        "eval sft",
                        "eval sft blind",
                        "eval rl",
                        "eval rl voting@5",
                        "eval rl blind",
                        "report"),
                stages);
        assertTrue(Files.isRegularFile(Path.of(s.get("checkpoint").asText()).resolve("config.json")));
        assertTrue(Files.readString(Path.of(s.get("report").asText())).contains("<svg"));
        assertEquals(4, s.get("targets").size(), "the method's four targets, each met or not");
        s.get("targets").forEach(t -> assertTrue(t.isBoolean(), t.toString()));
        assertEquals(3, Files.list(out.resolve("recipes")).count(), "the stage recipes are kept with the run");
        List<String> rlLines = Files.readAllLines(out.resolve("rl").resolve("metrics.jsonl"));
        assertTrue(rlLines.getLast().contains("\"greedy_accuracy\""), "RL's greedy check after its last step");

        // the same world, recipe and sizes: the cached base comes back without pretraining again
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        Path base = PretrainedBase.getOrTrain(
                new BaseCache(cache),
                out.resolve("world"),
                out.resolve("recipes").resolve("pretrain.yaml"),
                QuickstartPlan.SMOKE,
                new Pipeline(1, QuickstartWorld.SMALL),
                0,
                again);
        assertTrue(base.startsWith(cache), base.toString());
        assertFalse(Files.exists(again.resolve("pretrain")), "no second pretraining run");

        ablationRunsAndContinues(cache);
    }

    /** The ablation over the same world (its base comes from the cache), then a rerun that keeps every run. */
    private void ablationRunsAndContinues(Path cache) throws Exception {
        Path out = dir.resolve("ablation");
        String[] argv = {
            "bench",
            "ablation",
            "--smoke",
            "--seeds",
            "1",
            "--variants",
            "reinforce++,stable-reinforce",
            "--out",
            out.toString(),
            "--cache",
            cache.toString(),
            "--nproc",
            "1"
        };
        assertEquals(0, VerdictCli.commandLine().execute(argv));
        JsonNode rows = new ObjectMapper()
                .readTree(out.resolve("ablation.json").toFile())
                .get("rows");
        List<String> names = new ArrayList<>();
        rows.forEach(r -> {
            names.add(r.get("setting").asText() + "/" + r.get("variant").asText());
            double acc = r.get("accuracyMean").asDouble(Double.NaN);
            assertTrue(r.get("collapsed").asInt() > 0 || (acc >= 0 && acc <= 1), r.toString());
        });
        assertEquals(
                List.of(
                        "standard/sft-only",
                        "standard/stable-reinforce",
                        "standard/reinforce++",
                        "stress/stable-reinforce",
                        "stress/reinforce++"),
                names);
        assertTrue(Files.readString(out.resolve("report.html")).contains("stress: policy loss"));

        Path result =
                out.resolve("seed-0").resolve("stress").resolve("reinforce++").resolve("result.json");
        var before = Files.getLastModifiedTime(result);
        assertEquals(0, VerdictCli.commandLine().execute(argv));
        assertEquals(before, Files.getLastModifiedTime(result), "a rerun keeps the finished runs");
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String part : dotted.split("\\.")) {
            n = n.path(part);
        }
        assertFalse(n.isMissingNode(), dotted + " missing from summary.json");
        return n;
    }
}
