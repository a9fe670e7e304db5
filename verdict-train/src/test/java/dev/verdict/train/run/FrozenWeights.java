package dev.verdict.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.SafetensorsFile;
import java.nio.file.Path;

/** Compares a run's checkpoint with the model it started from, tensor by tensor. */
final class FrozenWeights {
    private FrozenWeights() {}

    /** Every tensor named {@code prefix}... is unchanged, and at least one other tensor moved. */
    static void assertOnlyOthersMoved(Path start, Path checkpoint, String prefix) {
        int frozen = 0;
        int moved = 0;
        try (SafetensorsFile before = SafetensorsFile.open(start.resolve("model.safetensors"));
                SafetensorsFile after = SafetensorsFile.open(checkpoint.resolve("model.safetensors"))) {
            assertEquals(before.tensors().keySet(), after.tensors().keySet());
            for (String name : before.tensors().keySet()) {
                boolean same = before.view(name).equal(after.view(name));
                if (name.startsWith(prefix)) {
                    assertTrue(same, name + " is frozen but changed");
                    frozen++;
                } else if (!same) {
                    moved++;
                }
            }
        }
        assertTrue(frozen > 0, "the model has tensors named " + prefix + "...");
        assertTrue(moved > 0, "the other tensors still train");
    }
}
