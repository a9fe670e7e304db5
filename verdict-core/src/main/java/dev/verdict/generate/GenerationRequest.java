package dev.verdict.generate;

import dev.verdict.image.ImageGrid;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * One prompt to continue.
 *
 * @param prompt [S] token ids, image slots already expanded to their pad counts
 * @param pixels [N, patchDim] pixel rows of the prompt's images in order, or null
 * @param grids the images' grids, in order
 */
public record GenerationRequest(long[] prompt, Tensor pixels, List<ImageGrid> grids, SamplingParams params) {
    public GenerationRequest {
        grids = List.copyOf(grids);
        if (prompt.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
    }

    public static GenerationRequest text(long[] prompt, SamplingParams params) {
        return new GenerationRequest(prompt, null, List.of(), params);
    }
}
