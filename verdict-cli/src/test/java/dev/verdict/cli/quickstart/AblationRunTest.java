package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblationRunTest {

    @TempDir
    Path dir;

    private static AblationRun sftOnly(Path dir) {
        return AblationRun.of("standard", "sft-only", 1, null, Optional.empty(), Double.NaN, 12.5, dir);
    }

    @Test
    void numbersThatDoNotExistAreWrittenAsNullAndReadBackAsNaN() throws Exception {
        sftOnly(dir).write(dir);

        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(AblationRun.FILE).toFile());
        assertTrue(json.get("accuracy").isNull(), json.toString());
        assertTrue(json.get("maxAbsLoss").isNull(), json.toString());
        assertEquals(12.5, json.get("seconds").asDouble());

        AblationRun back = AblationRun.read(dir).orElseThrow();
        assertTrue(Double.isNaN(back.accuracy()));
        assertTrue(Double.isNaN(back.maxAbsLoss()));
        assertEquals(sftOnly(dir).seconds(), back.seconds());
        assertEquals("sft-only", back.variant());
    }

    @Test
    void finiteNumbersRoundTripExactly() {
        AblationRun run = new AblationRun(
                "stress", "reinforce++", 2, 0.47, 0.96, 25.3, true, "why", 1.1444984674453735, 395.6, dir.toString());
        run.write(dir);

        assertEquals(run, AblationRun.read(dir).orElseThrow());
    }

    @Test
    void anEarlierFileWithNaNStringsStillReads() throws Exception {
        Files.writeString(dir.resolve(AblationRun.FILE), """
                {"setting":"standard","variant":"sft-only","seed":0,"accuracy":0.9,"formatValid":1.0,
                 "meanResponseTokens":33.0,"collapsed":false,"reason":"","maxAbsLoss":"NaN","seconds":49.0,
                 "dir":"d"}
                """);

        AblationRun back = AblationRun.read(dir).orElseThrow();
        assertTrue(Double.isNaN(back.maxAbsLoss()));
        assertEquals(0.9, back.accuracy());
    }

    @Test
    void theSummaryWritesNullForARowWithoutALoss() throws Exception {
        Path file = dir.resolve("ablation.json");
        new AblationSummary(List.of(sftOnly(dir))).write(file);

        JsonNode row = new ObjectMapper().readTree(file.toFile()).get("rows").get(0);
        assertTrue(row.get("maxAbsLoss").isNull(), row.toString());
        assertTrue(row.get("accuracyMean").isNull(), row.toString());
    }
}
