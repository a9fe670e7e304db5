package dev.verdict.train.pretrain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class WordPrototypesTest {
    @Test
    void wordPrototypesSumTheEmbeddingRowsOfEachClasssWords() {
        try (Scope s = Scope.open()) {
            Tensor rows = Tensors.of(new float[] {1, 2, 10, 20, 100, 200}, 3, 2); // [V=3, D=2]
            float[] sums = Tensors.toFloats(WordPrototypes.sums(rows, new long[][] {{0}, {1, 2}}));
            assertArrayEquals(new float[] {1, 2, 110, 220}, sums);
        }
    }
}
