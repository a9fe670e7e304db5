package dev.verdict.train.sft;

import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One supervised example: the conversation so far (with image slots), its images in order, and the assistant
 * reply the model must learn to write. Only assistant tokens (and their end-of-turn tokens) carry loss: the
 * reply's, and those of any assistant turn inside the conversation (a multi-turn example).
 *
 * @param cells dense labels for the image tokens, one class index per merged visual token of every image in
 *     order (row-major within an image), or null when the example has none (pretraining data has them)
 */
public record SftExample(List<ChatMessage> prompt, List<BufferedImage> images, String reply, int[] cells) {
    public SftExample {
        prompt = List.copyOf(prompt);
        images = List.copyOf(images);
        cells = cells == null ? null : cells.clone();
    }

    public SftExample(List<ChatMessage> prompt, List<BufferedImage> images, String reply) {
        this(prompt, images, reply, null);
    }
}
