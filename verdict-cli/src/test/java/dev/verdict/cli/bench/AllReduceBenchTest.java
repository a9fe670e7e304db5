package dev.verdict.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.cli.VerdictCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** End to end: the bench relaunches itself as two workers that average gradients over Gloo. */
class AllReduceBenchTest {
    @Test
    void twoWorkersAverageATinyModelsGradients() {
        CommandLine cli = VerdictCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = assertTimeoutPreemptively(
                Duration.ofSeconds(90),
                () -> cli.execute("bench", "allreduce", "--preset", "tiny", "--runs", "2", "--warmup", "1"));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("[rank 0] allreduce: preset tiny"), out.toString());
        assertTrue(out.toString().matches("(?s).*\\[rank 0]   averageGradients: [0-9.]+ ms/step.*"), out.toString());
    }
}
