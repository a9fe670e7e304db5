package dev.verdict.train.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    @Test
    void refusesANegativeOrNonFiniteShare() {
        assertThrows(IllegalArgumentException.class, () -> Replay.choose(easy(3), 1, -0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Replay.choose(easy(3), 1, Double.NaN, 0));
    }
}
