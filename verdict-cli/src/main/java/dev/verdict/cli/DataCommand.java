package dev.verdict.cli;

import dev.verdict.data.read.Layout;
import dev.verdict.data.read.NotPairDataException;
import dev.verdict.data.read.Problem;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.data.validate.DataValidator;
import dev.verdict.data.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verdict data ...}: data-set tools. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Inspect preference data sets.",
        subcommands = {DataCommand.Validate.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code verdict data validate FILE...}. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check data files: every record readable, labels, categories, images, duplicate ids,"
                    + " token lengths. Every problem names file and line; exit code 1 when any row is bad.")
    public static final class Validate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSONL, JSON array or Parquet files.")
        List<Path> files;

        @Option(
                names = "--layout",
                defaultValue = "auto",
                description = "auto, verdict, r1-reward, vl-rewardbench, mm-rlhf, multimodal-rewardbench"
                        + " (default: ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--image-root", description = "Folder for relative image paths (default: the file's folder).")
        Path imageRoot;

        @Option(names = "--skip-images", description = "Do not open images (text-only copies of benchmarks).")
        boolean skipImages;

        @Option(names = "--tokenizer", description = "tokenizer.json (or model folder) for prompt token lengths.")
        Path tokenizer;

        @Option(
                names = "--categories",
                defaultValue = "official",
                description = "VL-RewardBench category mapping: official or r1-script (default: ${DEFAULT-VALUE}).")
        String categories;

        @Option(
                names = "--max-problems",
                defaultValue = "100",
                description = "Problems to print per file; the rest are counted (default: ${DEFAULT-VALUE}; 0 = all).")
        int maxProblems;

        @Option(
                names = "--max-image-mb",
                defaultValue = "20",
                description = "Largest image file (default: ${DEFAULT-VALUE}).")
        long maxImageMb;

        @Override
        public Integer call() throws Exception {
            ReadOptions read;
            try {
                read = new ReadOptions(Layout.parse(layout), imageRoot, mapping(categories));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            DataValidator.Options opts = new DataValidator.Options(
                    !skipImages,
                    maxImageMb << 20,
                    DataValidator.Options.defaults().maxPixels(),
                    tokenizer);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean allOk = true;
            for (Path f : files) {
                ValidationReport r;
                try {
                    r = DataValidator.validate(f, read, opts, line -> {
                        err.println("validate: " + line);
                        err.flush();
                    });
                } catch (NotPairDataException e) {
                    out.println(e.getMessage());
                    allOk = false;
                    continue;
                }
                print(r, out);
                allOk &= r.ok();
            }
            out.flush();
            return allOk ? 0 : 1;
        }

        private static ReadOptions.CategoryMapping mapping(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "official" -> ReadOptions.CategoryMapping.OFFICIAL;
                case "r1-script", "r1_script", "r1" -> ReadOptions.CategoryMapping.R1_SCRIPT;
                default ->
                    throw new IllegalArgumentException("--categories must be official or r1-script, got " + name);
            };
        }

        private void print(ValidationReport r, PrintWriter out) {
            out.printf("%s (layout %s)%n", r.file(), r.layout().cliName());
            out.printf(
                    "  records     %d (%d good, %d bad, %d warnings)%n",
                    r.records(), r.records() - r.badRows(), r.badRows(), r.warnings());
            long labelled = r.labels().get("1") + r.labels().get("2");
            out.printf(
                    "  labels      1: %d  2: %d  unknown: %d%s%n",
                    r.labels().get("1"),
                    r.labels().get("2"),
                    r.labels().get("unknown"),
                    labelled == 0
                            ? ""
                            : String.format(
                                    "  (%.1f%% prefer response 1)",
                                    100.0 * r.labels().get("1") / labelled));
            out.println("  categories");
            for (Map.Entry<String, long[]> e : r.categories().entrySet()) {
                out.printf(
                        "    %-24s %6d  (%.1f%% prefer 1)%n",
                        e.getKey(), e.getValue()[0], 100.0 * e.getValue()[1] / e.getValue()[0]);
            }
            out.print("  subsets    ");
            r.subsets().forEach((k, v) -> out.printf(" %s=%d", k, v));
            out.println();
            out.print("  images     ");
            r.images().forEach((k, v) -> out.printf(" %s=%d", k, v));
            out.println(skipImages ? "  (not opened: --skip-images)" : "");
            out.printf("  duplicate ids %d%n", r.duplicateIds());
            if (!r.tokenPercentiles().isEmpty()) {
                out.print("  prompt tokens");
                r.tokenPercentiles().forEach((k, v) -> out.printf(" %s=%d", k, v));
                out.println();
            }
            int shown = 0;
            for (Problem p : r.problems()) {
                if (maxProblems > 0 && shown >= maxProblems) {
                    out.printf(
                            "  ... and %d more problems (--max-problems 0 shows all)%n",
                            r.problems().size() - shown);
                    break;
                }
                out.println("  " + p);
                shown++;
            }
            out.println(r.ok() ? "  OK" : "  FAILED: " + r.badRows() + " bad rows");
        }
    }
}
