package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.lifecycle.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verdict eval --model} on the synthetic world's test split with a freshly initialised tiny model: the
 * local path runs end to end, with images and blind, and every judgment is recorded (an untrained model writes
 * no valid answer, so the figures are not checked, only that invalid output is counted as such).
 */
class EvalLocalModelIT {
    @TempDir
    Path dir;

    @Test
    void localModelOnTheSyntheticWorld() throws Exception {
        Path world = dir.resolve("w");
        Path model = dir.resolve("m");
        assertEquals(
                0,
                CliRun.of("synth", "--out", world.toString(), "--train", "2", "--test", "6", "--pretrain", "0")
                        .code());
        CliRun init = CliRun.of(
                "model",
                "init",
                "--preset",
                "tiny",
                "--out",
                model.toString(),
                "--tokenizer",
                world.resolve("tokenizer.json").toString());
        assertEquals(0, init.code(), init.err());
        for (boolean blind : new boolean[] {false, true}) {
            Path out = dir.resolve(blind ? "blind" : "seeing");
            CliRun run = blind
                    ? CliRun.of(
                            "eval",
                            "--bench",
                            "jsonl",
                            "--data",
                            world.resolve("test.jsonl").toString(),
                            "--model",
                            model.toString(),
                            "--limit",
                            "3",
                            "--max-tokens",
                            "6",
                            "--votes",
                            "2",
                            "--order",
                            "both",
                            "--blind",
                            "--out",
                            out.toString())
                    : CliRun.of(
                            "eval",
                            "--bench",
                            "jsonl",
                            "--data",
                            world.resolve("test.jsonl").toString(),
                            "--model",
                            model.toString(),
                            "--limit",
                            "3",
                            "--max-tokens",
                            "6",
                            "--votes",
                            "2",
                            "--order",
                            "both",
                            "--out",
                            out.toString());
            assertEquals(0, run.code(), run.err());
            JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
            assertEquals(6, m.get("judgments").asInt());
            assertEquals(0, m.get("errors").asInt(), "the local judge must not fail, blind=" + blind);
            assertEquals(12, m.get("samples").asInt());
            assertEquals(blind, m.at("/config/blind").asBoolean());
            assertTrue(m.get("invalid_rate").asDouble() >= 0);
            assertEquals(6, Files.readAllLines(out.resolve("items.jsonl")).size());
        }
        // a stop (Ctrl-C) ends the eval with the signal's exit code, not with error records
        StopRequest.request("signal");
        try {
            CliRun stopped = CliRun.of(
                    "eval",
                    "--bench",
                    "jsonl",
                    "--data",
                    world.resolve("test.jsonl").toString(),
                    "--model",
                    model.toString(),
                    "--limit",
                    "3",
                    "--max-tokens",
                    "6",
                    "--out",
                    dir.resolve("stopped").toString());
            assertEquals(130, stopped.code(), stopped.err());
            assertTrue(stopped.err().contains("stopped: eval stopped (signal) after 0 of 3 judgments"), stopped.err());
        } finally {
            StopRequest.clear();
        }
    }
}
