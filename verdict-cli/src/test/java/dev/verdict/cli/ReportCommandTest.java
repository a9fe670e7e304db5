package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verdict report} on the folder a real {@code verdict eval} wrote, and on a folder that is not a run. */
class ReportCommandTest {

    @TempDir
    Path tmp;

    @Test
    void reportsAnEvalRunAndNamesTheMissingFileOtherwise() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(String.format(
                    "{\"id\":\"p%d\",\"question\":\"q\",\"response_1\":\"%s\",\"response_2\":\"%s\","
                            + "\"preferred\":1,\"category\":\"c%d\"}",
                    i, "a".repeat(5 + i % 4), "b".repeat(3 + i % 3), i % 2));
        }
        Path data = tmp.resolve("pairs.jsonl");
        Files.write(data, lines);
        Path run = tmp.resolve("run");
        CliRun eval = CliRun.of(
                "eval", "--bench", "jsonl", "--data", data.toString(), "--judge", "longer", "--out", run.toString());
        assertEquals(0, eval.code(), eval.err());

        CliRun report = CliRun.of("report", run.toString());
        assertEquals(0, report.code(), report.err());
        Path html = run.resolve("report.html");
        assertTrue(report.out().contains("wrote " + html), report.out());
        String page = Files.readString(html);
        assertEquals(2, page.split("<svg", -1).length - 1, "categories and voting@K charts");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun bad = CliRun.of("report", empty.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("error: " + empty.resolve("metrics.json") + ": not found"), bad.err());
    }
}
