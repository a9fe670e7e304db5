package dev.verdict.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** One chat turn: a role ({@code system}, {@code user}, {@code assistant}) and its ordered parts. */
public record ChatMessage(String role, List<Part> parts) {

    /** A piece of message content. */
    public sealed interface Part permits Text, Image {}

    /** Verbatim text. */
    public record Text(String text) implements Part {}

    /** An image slot; the pixels travel separately, in the same order as the image parts. */
    public record Image() implements Part {}

    public ChatMessage {
        parts = List.copyOf(parts);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", List.of(new Text(text)));
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", List.of(new Text(text)));
    }

    /** A user turn with {@code images} image slots followed by the text, as the Qwen VL examples do. */
    public static ChatMessage userWithImages(int images, String text) {
        return userWithImages(images, text, ImagePosition.BEFORE_TEXT);
    }

    /** A user turn with {@code images} image slots before or after the text. */
    public static ChatMessage userWithImages(int images, String text, ImagePosition position) {
        List<Part> parts = new ArrayList<>();
        if (position == ImagePosition.AFTER_TEXT) {
            parts.add(new Text(text));
        }
        for (int i = 0; i < images; i++) {
            parts.add(new Image());
        }
        if (position == ImagePosition.BEFORE_TEXT) {
            parts.add(new Text(text));
        }
        return new ChatMessage("user", parts);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", List.of(new Text(text)));
    }

    public long imageCount() {
        return parts.stream().filter(p -> p instanceof Image).count();
    }
}
