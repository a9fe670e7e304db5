package dev.verdict.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class ScopeTest {
    @Test
    void keptTensorOutlivesNestedScopesAndOthersAreFreed() {
        Tensor kept;
        Tensor dropped;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                kept = Scope.keep(Tensors.of(new float[] {1, 2, 3}, 3));
                dropped = Tensors.of(new float[] {4}, 1);
            }
        }
        assertTrue(dropped.isNull(), "a tensor made in a scope is freed with it");
        assertArrayEquals(new float[] {1, 2, 3}, Tensors.toFloats(kept));
        kept.deallocate();
    }
}
