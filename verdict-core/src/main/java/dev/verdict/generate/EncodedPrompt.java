package dev.verdict.generate;

import dev.verdict.image.ImageGrid;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * A prompt ready for the model.
 *
 * @param ids [S] token ids with each image slot expanded to its merged-token count
 * @param pixels [N, patchDim] float32 pixel rows of the images in order, or null without images
 * @param grids the images' grids, in order
 */
public record EncodedPrompt(long[] ids, Tensor pixels, List<ImageGrid> grids) {
    public EncodedPrompt {
        grids = List.copyOf(grids);
    }

    public GenerationRequest request(SamplingParams params) {
        return new GenerationRequest(ids, pixels, grids, params);
    }
}
