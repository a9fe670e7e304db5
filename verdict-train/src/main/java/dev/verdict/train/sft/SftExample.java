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
 * @param focus [start, end) character ranges of {@code reply} that alone carry loss (nothing else of the reply,
 *     of earlier assistant turns or the end-of-turn token), or null for the whole reply
 */
public record SftExample(
        List<ChatMessage> prompt, List<BufferedImage> images, String reply, int[] cells, List<int[]> focus) {
    public SftExample {
        prompt = List.copyOf(prompt);
        images = List.copyOf(images);
        cells = cells == null ? null : cells.clone();
        if (focus != null) {
            int last = 0;
            for (int[] span : focus) {
                if (span.length != 2 || span[0] < last || span[1] <= span[0] || span[1] > reply.length()) {
                    throw new IllegalArgumentException("focus ranges must be ordered, non-empty and inside the reply");
                }
                last = span[1];
            }
            focus = focus.stream().map(int[]::clone).toList();
        }
    }

    public SftExample(List<ChatMessage> prompt, List<BufferedImage> images, String reply, int[] cells) {
        this(prompt, images, reply, cells, null);
    }

    public SftExample(List<ChatMessage> prompt, List<BufferedImage> images, String reply) {
        this(prompt, images, reply, null, null);
    }
}
