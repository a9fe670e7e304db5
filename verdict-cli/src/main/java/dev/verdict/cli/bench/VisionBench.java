package dev.verdict.cli.bench;

import dev.verdict.image.ImageGrid;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * The vision tower's forward on growing batches of images of two sizes (36 x 36 and 28 x 44 patches, so windows and
 * images differ in length): seconds and the process's peak resident memory after each batch size. Per-segment
 * attention grows linearly with the number of images; attention through one mask over every patch grew with its
 * square.
 */
final class VisionBench {
    private VisionBench() {}

    static void run(ModelConfig c, int[] batches, PrintStream out) {
        Random r = new Random(1);
        try (QwenVL m = QwenVL.random(c, 1);
                InferenceMode g = new InferenceMode()) {
            for (int n : batches) {
                List<ImageGrid> grids = new ArrayList<>();
                List<Tensor> pixels = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ImageGrid grid = i % 2 == 0 ? new ImageGrid(1, 36, 36) : new ImageGrid(1, 28, 44);
                    grids.add(grid);
                    float[] v = new float[grid.patches() * c.vision().patchDim()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = (float) r.nextGaussian();
                    }
                    pixels.add(Tensors.of(v, grid.patches(), c.vision().patchDim()));
                }
                long t0 = System.nanoTime();
                try (Scope s = Scope.open()) {
                    m.imageFeatures(Tensors.cat(0, pixels), grids);
                }
                out.printf(
                        "  images %2d  patches %6d  %7.2f s  peak RSS %s%n",
                        n,
                        grids.stream().mapToInt(ImageGrid::patches).sum(),
                        (System.nanoTime() - t0) / 1e9,
                        Timing.mb(Timing.peakRss()));
            }
        }
    }
}
