package dev.verdict.image;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Qwen2.5-VL image processor ({@code Qwen2VLImageProcessor}, the slow PIL path of transformers) in
 * pure Java: RGB conversion with alpha composited onto white, {@link SmartResize smart_resize}, PIL
 * bicubic resampling ({@link PilBicubic}), rescale by 1/255, CLIP normalization, temporal padding of a
 * still image to two identical frames, and patch flattening in merge-block order.
 *
 * <p>Immutable and thread-safe. For the released config a W x H image gives {@code pixel_values} of
 * shape (t*h*w, 1176) and t*h*w/4 {@code <|image_pad|>} tokens, where (t, h, w) is {@link
 * ProcessedImage#grid()}.
 */
public final class ImageProcessor {

    private final ImageProcessorConfig config;
    private final Patchifier patchifier;

    /** A processor with the released Qwen2.5-VL settings. */
    public ImageProcessor() {
        this(ImageProcessorConfig.DEFAULT);
    }

    public ImageProcessor(ImageProcessorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.patchifier = new Patchifier(config);
    }

    public ImageProcessorConfig config() {
        return config;
    }

    /** The size an image of {@code height x width} is resized to ({@code smart_resize}). */
    public ImageSize targetSize(int height, int width) {
        return SmartResize.of(height, width, config);
    }

    /** The patch grid an image of {@code height x width} gets, without processing any pixels. */
    public ImageGrid gridFor(int height, int width) {
        ImageSize size = targetSize(height, width);
        return new ImageGrid(1, size.height() / config.patchSize(), size.width() / config.patchSize());
    }

    /** The number of {@code <|image_pad|>} tokens for an image of {@code height x width}. */
    public int tokenCount(int height, int width) {
        return gridFor(height, width).mergedTokens(config.mergeSize());
    }

    /** Processes one decoded image. */
    public ProcessedImage process(BufferedImage image) {
        return process(RgbImage.of(image));
    }

    /**
     * Processes one RGB image. When {@code smart_resize} keeps its size the resampling is skipped, as
     * PIL itself returns a plain copy for a same-size resize, so the result is the same.
     */
    public ProcessedImage process(RgbImage image) {
        return patchifier.patchify(List.of(resize(image)));
    }

    /**
     * Processes an image that already has its final size (both sides multiples of patch x merge, e.g.
     * one resized earlier with {@link #resize}): no {@code smart_resize} and no resampling. Note that
     * this is not the same as {@link #process} for a size that {@code smart_resize} would change, e.g.
     * 28x28 (which {@link #process} enlarges to 56x56 to reach {@code min_pixels}).
     *
     * @throws IllegalArgumentException if a side is not a multiple of patch x merge
     */
    public ProcessedImage processResized(RgbImage image) {
        return patchifier.patchify(List.of(image));
    }

    /** Processes several images; the result concatenates their rows as HF does for a batch. */
    public ProcessedBatch processAll(List<BufferedImage> images) {
        List<ProcessedImage> out = new ArrayList<>(images.size());
        for (BufferedImage image : images) {
            out.add(process(image));
        }
        return ProcessedBatch.of(out);
    }

    /**
     * Processes the frames of a video clip, all of one size: every frame is resized to the {@code
     * smart_resize} size of the first, and an odd frame count is padded by repeating the last frame.
     * This uses the image settings of this processor; Qwen's video processor has its own pixel bounds.
     */
    public ProcessedImage processFrames(List<RgbImage> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        List<RgbImage> resized = new ArrayList<>(frames.size());
        for (RgbImage frame : frames) {
            resized.add(resize(frame));
        }
        return patchifier.patchify(resized);
    }

    /** {@code smart_resize} followed by PIL bicubic; returns {@code image} itself if the size is kept. */
    public RgbImage resize(RgbImage image) {
        ImageSize target = targetSize(image.height(), image.width());
        return PilBicubic.resize(image, target.width(), target.height());
    }

    /** The normalized value of every byte per channel, shape (3, 256): rescale then normalize. */
    public float[] normalizationTable() {
        return patchifier.table();
    }
}
