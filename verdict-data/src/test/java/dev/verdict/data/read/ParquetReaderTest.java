package dev.verdict.data.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes a small Hugging Face-style Parquet file with DuckDB and reads it back. */
class ParquetReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsHfLayoutWithImageBytesInAStruct() throws Exception {
        Path file = dir.resolve("vlrb.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES "
                    + "('RLAIF-V-1', 'What is it?', ['a cat', 'a dog'], [1, 0], {'bytes': '\\x89PNG\\x0D\\x0A\\x1A\\x0A'::BLOB, 'path': NULL}),"
                    + "('wildvision-battle-2', 'Hi', ['x', 'y'], [0, 1], {'bytes': NULL, 'path': 'imgs/2.png'}),"
                    + "('bad', 'Hi', ['x'], [0, 1], NULL)"
                    + ") t(id, query, response, human_ranking, image)) TO '"
                    + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        PairReader.Result r = PairReader.read(file, ReadOptions.defaults());
        assertEquals(Layout.VL_REWARDBENCH, r.layout());
        assertEquals(3, r.records());
        PairExample first = r.pairs().get(0);
        assertEquals(Preference.TWO, first.preferred());
        assertEquals("hallucination", first.category());
        assertArrayEquals(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10},
                first.images().getFirst().bytes());
        assertEquals(
                ImageRef.path(dir.resolve("imgs/2.png").toAbsolutePath()),
                r.pairs().get(1).images().getFirst());
        assertEquals(1, r.problems().size());
        assertEquals("row", r.problems().getFirst().locationKind());
        assertEquals(2, r.problems().getFirst().location());
        assertEquals("response", r.problems().getFirst().field());
    }
}
