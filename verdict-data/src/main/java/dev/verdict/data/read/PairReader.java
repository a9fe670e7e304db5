package dev.verdict.data.read;

import dev.verdict.judge.PairExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads preference pairs from JSONL, JSON-array or Parquet files in any {@link Layout}. Every record either
 * becomes a pair or a {@link Problem} naming the file, the line (or Parquet row) and the field: nothing is
 * dropped silently.
 */
public final class PairReader {
    private PairReader() {}

    /** A pair and where it came from. */
    public record Row(PairExample pair, RawRecord origin) {}

    /**
     * What a read produced.
     *
     * @param layout the layout used (detected when AUTO was asked)
     * @param rows the pairs, in file order
     * @param problems unreadable or unmappable records, in file order
     * @param records how many records the file held (rows + records with problems)
     */
    public record Result(Layout layout, List<Row> rows, List<Problem> problems, long records) {
        /** The pairs alone. */
        public List<PairExample> pairs() {
            return rows.stream().map(Row::pair).toList();
        }
    }

    /**
     * Reads {@code file}; throws only when the file itself cannot be opened, or ({@link NotPairDataException})
     * when the layout is detected and the first record fits none.
     */
    public static Result read(Path file, ReadOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "data file not found");
        }
        Path root = options.imageRoot() != null
                ? options.imageRoot()
                : file.toAbsolutePath().getParent();
        Mappers mappers = new Mappers(options, root);
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Layout[] layout = {options.layout()};
        long[] records = {0};
        RecordSource.read(
                file,
                rec -> {
                    records[0]++;
                    if (layout[0] == Layout.AUTO) {
                        layout[0] = Layout.recognise(rec.node())
                                .orElseThrow(() -> new NotPairDataException(Layout.unrecognised(rec)));
                    }
                    try {
                        rows.add(new Row(mappers.map(layout[0], rec), rec));
                    } catch (RowException e) {
                        problems.add(rec.error(e.field(), e.getMessage()));
                    } catch (RuntimeException e) {
                        problems.add(rec.error("", e.toString()));
                    }
                },
                p -> {
                    records[0]++;
                    problems.add(p);
                });
        return new Result(layout[0] == Layout.AUTO ? Layout.VERDICT : layout[0], rows, problems, records[0]);
    }
}
