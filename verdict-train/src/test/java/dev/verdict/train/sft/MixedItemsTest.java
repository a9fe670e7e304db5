package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixedItemsTest {
    /** {@code n} text-only items named {@code prefix0 ..}, from the file {@code prefix.jsonl}. */
    private static SftItems items(String prefix, int n) {
        return new SftItems() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public SftExample example(int index) {
                return new SftExample(List.of(), List.of(), prefix + index);
            }

            @Override
            public String id(int index) {
                return prefix + index;
            }

            @Override
            public List<Path> files() {
                return List.of(Path.of(prefix + ".jsonl"));
            }
        };
    }

    @Test
    void theAddedSetFillsItsShareCyclingThroughItsItems() {
        MixedItems m = MixedItems.of(items("qa", 9), items("j", 2), 0.25);
        assertEquals(12, m.size()); // 9 / (1 - 0.25)
        assertEquals(3, m.addedCount());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            ids.add(m.id(i));
            assertEquals(m.id(i), m.example(i).reply());
        }
        assertEquals(List.of("qa0", "qa1", "qa2", "qa3", "qa4", "qa5", "qa6", "qa7", "qa8", "j0", "j1", "j0"), ids);
        assertEquals(List.of(Path.of("qa.jsonl"), Path.of("j.jsonl")), m.files());
    }

    @Test
    void aShareOfZeroAddsNothingAndABadShareOrAnEmptySetIsAnError() {
        assertEquals(5, MixedItems.of(items("qa", 5), items("j", 0), 0).size());
        assertThrows(IllegalArgumentException.class, () -> MixedItems.of(items("qa", 5), items("j", 2), 1.0));
        assertThrows(IllegalArgumentException.class, () -> MixedItems.of(items("qa", 5), items("j", 2), -0.1));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> MixedItems.of(items("qa", 5), items("j", 0), 0.5));
        assertEquals("nothing to mix in: [j.jsonl] has no items", e.getMessage());
    }
}
