package dev.verdict.generate;

import dev.verdict.image.ImageGrid;
import dev.verdict.image.ImageProcessor;
import dev.verdict.image.ProcessedBatch;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ChatTemplate;
import dev.verdict.tokenizer.Tokenizer;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Turns chat messages and their images into model input the way the Qwen2.5-VL processor does: render the
 * chat template, tokenize, then expand each {@code <|image_pad|>} to as many pads as the image has merged
 * tokens; the images go through the image processor.
 */
public final class PromptEncoder {
    private final Tokenizer tokenizer;
    private final ImageProcessor processor;

    public PromptEncoder(Tokenizer tokenizer, ImageProcessor processor) {
        this.tokenizer = tokenizer;
        this.processor = processor;
    }

    /**
     * @param images one per image part of the messages, in order
     * @param addGenerationPrompt end with the assistant header so the model answers
     */
    public EncodedPrompt encode(List<ChatMessage> messages, List<BufferedImage> images, boolean addGenerationPrompt) {
        long slots = messages.stream().mapToLong(ChatMessage::imageCount).sum();
        if (slots != images.size()) {
            throw new IllegalArgumentException(
                    "the messages have " + slots + " image slots but " + images.size() + " images were given");
        }
        long[] ids = tokenizer.encode(ChatTemplate.render(messages, addGenerationPrompt));
        if (images.isEmpty()) {
            return new EncodedPrompt(ids, null, List.of());
        }
        ProcessedBatch batch = processor.processAll(images);
        int[] counts = batch.tokenCounts(processor.config().mergeSize());
        return new EncodedPrompt(
                expand(ids, counts),
                Tensors.of(
                        batch.pixelValues(),
                        batch.totalPatches(),
                        processor.config().patchDim()),
                batch.grids());
    }

    /** Replaces the k-th image pad by counts[k] pads. */
    private long[] expand(long[] ids, int[] counts) {
        long pad = tokenizer.specials().imagePad();
        long found = LongStream.of(ids).filter(t -> t == pad).count();
        if (found != counts.length) {
            throw new IllegalArgumentException(
                    "the prompt text contains " + found + " image pads for " + counts.length + " images");
        }
        int total = ids.length - counts.length + Arrays.stream(counts).sum();
        long[] out = new long[total];
        int k = 0;
        int image = 0;
        for (long t : ids) {
            if (t == pad) {
                for (int i = 0; i < counts[image]; i++) {
                    out[k++] = pad;
                }
                image++;
            } else {
                out[k++] = t;
            }
        }
        return out;
    }

    /** Sum of merged tokens of the grids (the pads the prompt needs). */
    public int imageTokens(List<ImageGrid> grids) {
        return grids.stream()
                .mapToInt(g -> g.mergedTokens(processor.config().mergeSize()))
                .sum();
    }
}
