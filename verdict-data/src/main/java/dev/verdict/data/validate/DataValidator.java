package dev.verdict.data.validate;

import dev.verdict.data.read.PairReader;
import dev.verdict.data.read.Problem;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.judge.ImageFormats;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.prompt.R1RewardPrompt;
import dev.verdict.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Checks a data file: every record readable in its layout, non-empty texts, distinct responses, images present,
 * decodable and within limits, ids not duplicated; and summarises labels, categories and (with a tokenizer)
 * prompt token lengths.
 *
 * <p>Errors (the row is bad): unreadable record, missing or empty field, bad label, missing / unreadable /
 * oversized image, an exact duplicate (same id and same content as an earlier row). Warnings: identical
 * responses, an id reused with different content (VL-RewardBench has 25 such ids), no image.
 */
public final class DataValidator {
    private DataValidator() {}

    /**
     * Limits and switches.
     *
     * @param checkImages whether to open the images (off for text-only copies of benchmarks)
     * @param maxImageBytes largest image file
     * @param maxPixels largest width x height
     * @param tokenizer a {@code tokenizer.json} for prompt lengths, or null
     */
    public record Options(boolean checkImages, long maxImageBytes, long maxPixels, Path tokenizer) {
        public static Options defaults() {
            return new Options(true, 20L << 20, 8192L * 8192L, null);
        }
    }

    /** Validates {@code file}; {@code progress} receives a line every 10,000 records. */
    public static ValidationReport validate(Path file, ReadOptions read, Options opts, Consumer<String> progress)
            throws IOException {
        PairReader.Result result = PairReader.read(file, read);
        List<Problem> problems = new ArrayList<>(result.problems());
        Map<String, Long> labels = new LinkedHashMap<>(Map.of("1", 0L, "2", 0L, "unknown", 0L));
        Map<String, long[]> categories = new TreeMap<>();
        Map<String, Long> subsets = new TreeMap<>();
        ImageChecker images = new ImageChecker(opts);
        Map<String, PairReader.Row> firstById = new HashMap<>();
        Set<String> duplicateIds = new HashSet<>();
        List<Integer> tokens = new ArrayList<>();
        Tokenizer tok = opts.tokenizer() == null ? null : Tokenizer.load(opts.tokenizer());
        try {
            long n = 0;
            for (PairReader.Row row : result.rows()) {
                if (++n % 10_000 == 0) {
                    progress.accept("validated " + n + " of " + result.rows().size() + " pairs");
                }
                PairExample p = row.pair();
                String label = p.preferred().position() == 0
                        ? "unknown"
                        : String.valueOf(p.preferred().position());
                labels.merge(label, 1L, Long::sum);
                long[] cat =
                        categories.computeIfAbsent(p.category().isEmpty() ? "(none)" : p.category(), k -> new long[2]);
                cat[0]++;
                cat[1] += p.preferred().position() == 1 ? 1 : 0;
                subsets.merge(p.subset().isEmpty() ? "(none)" : p.subset(), 1L, Long::sum);
                checkRow(row, problems, images);
                checkDuplicate(row, firstById, duplicateIds, problems);
                if (tok != null) {
                    tokens.add(tok.encode(R1RewardPrompt.render(p)).length);
                }
            }
        } finally {
            if (tok != null) {
                tok.close();
            }
        }
        problems.sort(Comparator.comparingLong(Problem::location));
        long bad = problems.stream()
                .filter(p -> p.severity() == Problem.Severity.ERROR)
                .map(p -> p.file() + "\u0000" + p.location())
                .distinct()
                .count();
        return new ValidationReport(
                file.toString(),
                result.layout(),
                result.records(),
                bad,
                labels,
                categories,
                subsets,
                images.counts(),
                duplicateIds.size(),
                percentiles(tokens),
                problems);
    }

    private static void checkRow(PairReader.Row row, List<Problem> problems, ImageChecker images) {
        PairExample p = row.pair();
        if (p.response1().equals(p.response2())) {
            problems.add(row.origin().warning("responses", "the two responses are identical"));
        }
        if (p.images().isEmpty()) {
            images.noImage();
        }
        for (int i = 0; i < p.images().size(); i++) {
            String problem = images.check(p.images().get(i));
            if (problem != null) {
                problems.add(row.origin().error("images[" + i + "]", problem));
            }
        }
    }

    private static void checkDuplicate(
            PairReader.Row row, Map<String, PairReader.Row> firstById, Set<String> dups, List<Problem> problems) {
        PairExample p = row.pair();
        PairReader.Row first = firstById.putIfAbsent(p.id(), row);
        if (first == null) {
            return;
        }
        dups.add(p.id());
        PairExample q = first.pair();
        boolean same = q.question().equals(p.question())
                && q.response1().equals(p.response1())
                && q.response2().equals(p.response2())
                && q.images().equals(p.images());
        String where = first.origin().locationKind() + " " + first.origin().location();
        if (same) {
            problems.add(row.origin().error("id", "duplicate of " + where + " (same id '" + p.id() + "' and content)"));
        } else {
            problems.add(row.origin()
                    .warning("id", "id '" + p.id() + "' also used at " + where + " with different content"));
        }
    }

    private static Map<String, Long> percentiles(List<Integer> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        int[] v = values.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(v);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int q : new int[] {50, 90, 99}) {
            out.put("p" + q, (long) v[Math.min(v.length - 1, (int) Math.ceil(q / 100.0 * v.length) - 1)]);
        }
        out.put("max", (long) v[v.length - 1]);
        return out;
    }

    /** Opens images once per distinct reference and counts outcomes. */
    private static final class ImageChecker {
        private final Options opts;
        private final Map<ImageRef, String> seen = new HashMap<>();
        private final Map<String, Long> counts = new LinkedHashMap<>();

        ImageChecker(Options opts) {
            this.opts = opts;
            for (String k :
                    List.of("referenced", "checked", "missing", "unreadable", "oversized", "rows_without_image")) {
                counts.put(k, 0L);
            }
        }

        void noImage() {
            counts.merge("rows_without_image", 1L, Long::sum);
        }

        Map<String, Long> counts() {
            return counts;
        }

        /** The problem with {@code ref}, or null when it is fine (or not checked). */
        String check(ImageRef ref) {
            counts.merge("referenced", 1L, Long::sum);
            if (!opts.checkImages()) {
                return null;
            }
            if (seen.containsKey(ref)) {
                return seen.get(ref);
            }
            String problem = inspect(ref);
            seen.put(ref, problem);
            counts.merge("checked", 1L, Long::sum);
            if (problem != null) {
                String kind = problem.startsWith("missing")
                        ? "missing"
                        : problem.startsWith("oversized") ? "oversized" : "unreadable";
                counts.merge(kind, 1L, Long::sum);
            }
            return problem;
        }

        private String inspect(ImageRef ref) {
            if (ref instanceof ImageRef.FilePath(Path path)) {
                if (!Files.exists(path)) {
                    return "missing image: " + path;
                }
                try {
                    if (Files.size(path) > opts.maxImageBytes()) {
                        return "oversized image: " + path + " has " + Files.size(path) + " bytes (limit "
                                + opts.maxImageBytes() + ")";
                    }
                } catch (IOException e) {
                    return "unreadable image: " + path + ": " + e.getMessage();
                }
            }
            byte[] data;
            try {
                data = ref.bytes();
            } catch (RuntimeException e) {
                return "unreadable image: " + e.getMessage();
            }
            if (!ImageFormats.isKnownImage(data)) {
                return "unreadable image: " + ref.describe() + " is not PNG, JPEG, GIF, WebP or BMP";
            }
            long[] size = ImageHeader.of(data);
            if (size == null) {
                return "unreadable image: " + ref.describe() + " cannot be decoded";
            }
            if (size[0] * size[1] > opts.maxPixels()) {
                return "oversized image: " + ref.describe() + " is " + size[0] + "x" + size[1] + " (limit "
                        + opts.maxPixels() + " pixels)";
            }
            return null;
        }
    }
}
