package dev.verdict.train.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayTest {
    private static List<String> easy(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("e" + i);
        }
        return ids;
    }

    @Test
    void choosesRoundedPerHardCountDistinctIdsInTheirOwnOrder() {
        List<String> pool = easy(100);
        List<String> picked = Replay.choose(pool, 7, 1.5, 42);
        assertEquals(11, picked.size(), "round(1.5 x 7) = 11"); // 10.5 rounds half up
        assertEquals(11, new HashSet<>(picked).size());
        assertTrue(pool.containsAll(picked));
        List<Integer> positions = picked.stream().map(pool::indexOf).toList();
        assertEquals(positions.stream().sorted().toList(), positions, "kept in the pool's order");
        assertEquals(picked, Replay.choose(pool, 7, 1.5, 42), "the same seed, the same pairs");
        assertNotEquals(picked, Replay.choose(pool, 7, 1.5, 43));
    }

    @Test
    void takesEveryEasyPairWhenThereAreFewerThanAsked() {
        assertEquals(easy(3), Replay.choose(easy(3), 10, 2, 0));
        assertEquals(List.of(), Replay.choose(easy(3), 10, 0, 0));
        assertEquals(List.of(), Replay.choose(List.of(), 10, 2, 0));
    }

    private static PairExample pair(String id, String subset, String answer) {
        Map<String, String> meta = answer == null ? Map.of() : Map.of("answer", answer);
        return new PairExample(id, id, List.of(), "q", "a", "b", Preference.ONE, "c", subset, meta);
    }

    @Test
    void eachHardPairMirrorsAnEasyPairOfItsSubsetWithAnotherAnswer() {
        List<PairExample> hard = List.of(
                pair("h1", "same", "no"),
                pair("h2", "same", "no"),
                pair("h3", "colour", "red"),
                pair("h4", "same", null), // no answer: no mirror
                pair("h5", "count", "2")); // no easy pair of its subset: no mirror
        List<PairExample> easy = List.of(
                pair("e1", "same", "no"),
                pair("e2", "same", "yes"),
                pair("e3", "same", "yes"),
                pair("e4", "same", "yes"),
                pair("e5", "colour", "red"),
                pair("e6", "colour", "blue"),
                pair("e7", "colour", null));

        List<String> picked = Replay.mirrors(hard, easy, "answer", Set.of("e4"), 7);

        assertEquals(3, picked.size(), picked.toString());
        assertEquals(Set.of("e2", "e3"), new HashSet<>(picked.subList(0, 2)), "two different 'yes' pairs, not e4");
        assertEquals("e6", picked.get(2));
        assertEquals(picked, Replay.mirrors(hard, easy, "answer", Set.of("e4"), 7), "the same seed, the same pairs");
        assertEquals(List.of(), Replay.mirrors(hard, easy, "missing", Set.of(), 7));
    }

    @Test
    void mirrorsRunOutWhenTheEasyPairsDo() {
        List<PairExample> hard = List.of(pair("h1", "s", "no"), pair("h2", "s", "no"), pair("h3", "s", "no"));
        List<String> picked = Replay.mirrors(hard, List.of(pair("e1", "s", "yes")), "answer", Set.of(), 0);
        assertEquals(List.of("e1"), picked);
    }

    @Test
    void refusesANegativeOrNonFiniteShare() {
        assertThrows(IllegalArgumentException.class, () -> Replay.choose(easy(3), 1, -0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Replay.choose(easy(3), 1, Double.NaN, 0));
    }
}
