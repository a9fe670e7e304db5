package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.lifecycle.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        CliRun.worldAndTinyModel(world, model, "--train", "2", "--test", "6", "--pretrain", "0");
        for (String mode : List.of("off", "blank", "other-image")) {
            boolean blind = !mode.equals("off");
            Path out = dir.resolve(mode);
            List<String> args = evalArgs(world, model, out, "--votes", "2", "--order", "both");
            if (mode.equals("blank")) {
                args.add("--blind"); // a bare --blind is blank
            } else if (blind) {
                args.addAll(List.of("--blind", mode));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.code(), run.err());
            JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
            assertEquals(6, m.get("judgments").asInt());
            assertEquals(0, m.get("errors").asInt(), "the local judge must not fail, blind=" + mode);
            assertEquals(12, m.get("samples").asInt());
            assertEquals(12, m.at("/fact_stated/samples").asInt(), "world pairs carry their fact");
            assertEquals(blind, m.at("/config/blind").asBoolean());
            assertEquals(blind ? mode : "", m.at("/config/blind_image").asText(""));
            assertTrue(m.get("invalid_rate").asDouble() >= 0);
            assertEquals(6, Files.readAllLines(out.resolve("items.jsonl")).size());
        }
        // a stop (Ctrl-C) ends the eval with the signal's exit code, not with error records
        StopRequest.request("signal");
        try {
            CliRun stopped =
                    CliRun.of(evalArgs(world, model, dir.resolve("stopped")).toArray(String[]::new));
            assertEquals(130, stopped.code(), stopped.err());
            assertTrue(stopped.err().contains("stopped: eval stopped (signal) after 0 of 3 judgments"), stopped.err());
        } finally {
            StopRequest.clear();
        }
    }

    /** {@code verdict eval} of the first 3 test pairs with 6 new tokens, plus {@code extra}. */
    private static List<String> evalArgs(Path world, Path model, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
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
                out.toString()));
        args.addAll(List.of(extra));
        return args;
    }
}
