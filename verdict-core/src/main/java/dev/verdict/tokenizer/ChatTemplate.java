package dev.verdict.tokenizer;

import java.util.List;

/**
 * The ChatML template of the Qwen2-VL / Qwen2.5-VL Instruct processors ({@code chat_template.json}): a
 * default system turn when the first message is not a system message, {@code <|im_start|>role\n...
 * <|im_end|>\n} per turn, each image as {@code <|vision_start|><|image_pad|><|vision_end|>} (one pad here;
 * the model input builder expands it to the image's token count), parts concatenated with no separator.
 */
public final class ChatTemplate {
    public static final String DEFAULT_SYSTEM = "You are a helpful assistant.";
    public static final String IMAGE_SLOT =
            SpecialTokens.VISION_START + SpecialTokens.IMAGE_PAD + SpecialTokens.VISION_END;

    private ChatTemplate() {}

    /**
     * Renders {@code messages}; with {@code addGenerationPrompt} it ends with {@code
     * <|im_start|>assistant\n} so the model writes the reply.
     */
    public static String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder out = new StringBuilder();
        if (messages.isEmpty() || !messages.getFirst().role().equals("system")) {
            appendTurn(out, ChatMessage.system(DEFAULT_SYSTEM));
        }
        for (ChatMessage m : messages) {
            appendTurn(out, m);
        }
        if (addGenerationPrompt) {
            out.append(SpecialTokens.IM_START).append("assistant\n");
        }
        return out.toString();
    }

    private static void appendTurn(StringBuilder out, ChatMessage m) {
        out.append(SpecialTokens.IM_START).append(m.role()).append('\n');
        for (ChatMessage.Part part : m.parts()) {
            switch (part) {
                case ChatMessage.Text t -> out.append(t.text());
                case ChatMessage.Image i -> out.append(IMAGE_SLOT);
            }
        }
        out.append(SpecialTokens.IM_END).append('\n');
    }
}
