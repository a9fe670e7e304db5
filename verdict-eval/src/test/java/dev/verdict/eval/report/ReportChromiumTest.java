package dev.verdict.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a real report in headless Chromium (Debian's {@code chromium}): it must render to a non-blank screenshot
 * and its DOM must hold the SVG charts. Skipped when {@code /usr/bin/chromium} is absent.
 */
class ReportChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private Path report() throws IOException {
        Path data = ReportRuns.data(tmp);
        Path run = ReportRuns.evalRun(data, tmp.resolve("run"), false);
        Path blind = ReportRuns.evalRun(data, tmp.resolve("blind"), true);
        ReportRuns.trainingCurves(run);
        return HtmlReport.write(ReportData.read(run), Optional.of(ReportData.read(blind)));
    }

    /** Runs Chromium headless with a fresh profile; returns stdout. */
    private String chromium(Path report, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = new ArrayList<>(List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        cmd.add(report.toUri().toString());
        Path stdout = tmp.resolve("chromium-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s on " + report);
        }
        assertEquals(0, p.exitValue(), "chromium exit code on " + report);
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium; install Debian's chromium to run this");
        Path report = report();
        Path png = tmp.resolve("report.png");
        chromium(report, "--screenshot=" + png, "--window-size=1200,2000", "--hide-scrollbars");
        assertTrue(Files.size(png) > 0, "screenshot written");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1200, img.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 10) {
            for (int x = 0; x < img.getWidth(); x += 10) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "a rendered page with charts, not a blank one: " + colours.size());
        String keep = System.getProperty("verdict.report.screenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), StandardCopyOption.REPLACE_EXISTING);
        }

        String dom = chromium(report, "--dump-dom");
        int svgs = dom.split("<svg", -1).length - 1;
        assertEquals(6, svgs, "the six charts survive parsing into the DOM");
        assertTrue(dom.contains("<h2>Blind gap</h2>"), "sections are in the DOM");
        assertTrue(dom.contains("&lt;script&gt;"), "the escaped category stays text");
    }
}
