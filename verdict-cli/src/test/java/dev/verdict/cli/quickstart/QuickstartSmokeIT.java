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

        SummaryFile s = SummaryFile.read(out.resolve("summary.json"));
        for (double v : new double[] {
            s.sft().accuracy(),
            s.rl().accuracy(),
            s.rl().voting5Accuracy(),
            s.rl().blindAccuracy(),
            s.sft().blindAccuracy(),
            s.sft().factStated(),
            s.rl().factStated(),
            s.rl().blindFactStated()
        }) {
            assertTrue(v >= 0 && v <= 1, "a figure of summary.json: " + v);
        }
        assertTrue(s.sft().voting5Accuracy() == null, "voting@5 is the RL judge's only");
        assertTrue(s.sft().meanResponseTokens() > 0);
        assertTrue(s.rl().meanResponseTokens() > 0);
        s.stages().forEach(t -> assertTrue(t.seconds() >= 0, t.toString()));
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
                s.stages().stream().map(SummaryFile.Stage::name).toList());
        assertTrue(Files.isRegularFile(Path.of(s.checkpoint()).resolve("config.json")));
        assertTrue(Files.readString(Path.of(s.report())).contains("<svg"));
        assertEquals(4, s.targets().size(), "the method's four targets, each met or not");
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"voting5_accuracy\""), "snake_case keys");
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
}
