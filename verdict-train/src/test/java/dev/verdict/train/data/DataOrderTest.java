package dev.verdict.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataOrderTest {
    private final DataOrder order = new DataOrder(23, 5, 42);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shardsOfEveryGlobalBatchPartitionIt(int world) {
        for (long k = 0; k < 3L * order.batchesPerEpoch(); k++) {
            long step = k;
            int[] batch = order.globalBatch(step);
            int[] joined = IntStream.range(0, world)
                    .flatMap(r -> Arrays.stream(order.shard(step, r, world)))
                    .toArray();
            assertArrayEquals(batch, joined, "step " + step + ", world " + world);
            for (int r = 0; r < world; r++) {
                int len = order.shard(step, r, world).length;
                assertTrue(len == 5 / world || len == 5 / world + 1, "balanced slices: " + len);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyExampleOncePerEpochUpToTheDroppedRemainder(int world) {
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[order.size()];
            for (int b = 0; b < order.batchesPerEpoch(); b++) {
                long step = (long) epoch * order.batchesPerEpoch() + b;
                assertEquals(epoch, order.epochOf(step));
                for (int r = 0; r < world; r++) {
                    for (int i : order.shard(step, r, world)) {
                        seen[i]++;
                    }
                }
            }
            long once = Arrays.stream(seen).filter(c -> c == 1).count();
            assertEquals(20, once, "4 full batches of 5 out of 23 examples");
            assertTrue(Arrays.stream(seen).allMatch(c -> c <= 1), "no duplicates");
            int[] perm = order.permutation(epoch);
            for (int k = 20; k < 23; k++) {
                assertEquals(0, seen[perm[k]], "the last 3 of the permutation are dropped");
            }
        }
    }

    @Test
    void permutationsDifferByEpochAndAreReproducible() {
        int[] e0 = order.permutation(0);
        assertArrayEquals(e0, new DataOrder(23, 5, 42).permutation(0));
        assertFalse(Arrays.equals(e0, order.permutation(1)));
        assertFalse(Arrays.equals(e0, new DataOrder(23, 5, 43).permutation(0)), "the seed matters");
        assertArrayEquals(
                IntStream.range(0, 23).toArray(), Arrays.stream(e0).sorted().toArray());
        assertArrayEquals(order.globalBatch(7), new DataOrder(23, 5, 42).globalBatch(7));
    }

    @Test
    void badArgumentsThrow() {
        assertThrows(IllegalArgumentException.class, () -> order.shard(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> order.shard(0, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> order.shard(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DataOrder(4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new DataOrder(4, 0, 1));
    }
}
