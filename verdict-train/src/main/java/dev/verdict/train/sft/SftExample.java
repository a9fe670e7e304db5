package dev.verdict.train.sft;

import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One supervised example: the conversation so far (with image slots), its images in order, and the assistant
 * reply the model must learn to write. Only the reply's tokens (and the end-of-turn token) carry loss.
 */
public record SftExample(List<ChatMessage> prompt, List<BufferedImage> images, String reply) {
    public SftExample {
        prompt = List.copyOf(prompt);
        images = List.copyOf(images);
    }
}
