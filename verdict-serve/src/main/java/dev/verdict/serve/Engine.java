package dev.verdict.serve;

import dev.verdict.generate.Generation;
import dev.verdict.generate.SamplingParams;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tokenizer.ChatMessage;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * What the server generates with. Only the batcher's single model thread calls {@link #complete}, so an
 * implementation may own thread-confined native state (a libtorch model).
 */
public interface Engine extends AutoCloseable {

    /** The served model's name. */
    String name();

    /** How the served model expects its judge prompt laid out (the image first unless it says otherwise). */
    default PromptLayout promptLayout() {
        return PromptLayout.DEFAULT;
    }

    /** Continues every prompt, in order, in one batched call. */
    List<Completion> complete(List<Prompt> prompts);

    @Override
    default void close() {}

    /**
     * One chat to continue.
     *
     * @param messages the chat turns; image parts are slots for {@code images}, in order
     * @param images decoded images, one per image part
     * @param params sampling settings of this request
     */
    record Prompt(List<ChatMessage> messages, List<BufferedImage> images, SamplingParams params) {
        public Prompt {
            messages = List.copyOf(messages);
            images = List.copyOf(images);
        }
    }

    /**
     * One finished continuation.
     *
     * @param text the generated text
     * @param promptTokens prompt length in tokens (image pads included)
     * @param completionTokens generated tokens
     * @param finish why generation ended
     */
    record Completion(String text, int promptTokens, int completionTokens, Generation.Finish finish) {}
}
