package dev.verdict.tokenizer;

import java.util.List;

/**
 * The Qwen2 / Qwen2.5-VL special tokens a VLM prompt needs, with their ids in one tokenizer. Ids come
 * from the tokenizer itself (151644 for {@code <|im_start|>} in the real Qwen vocabulary, small numbers
 * in a word-level test vocabulary), never from constants.
 */
public record SpecialTokens(
        int endOfText, int imStart, int imEnd, int visionStart, int visionEnd, int imagePad, int videoPad) {

    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";
    public static final String VISION_START = "<|vision_start|>";
    public static final String VISION_END = "<|vision_end|>";
    public static final String VISION_PAD = "<|vision_pad|>";
    public static final String IMAGE_PAD = "<|image_pad|>";
    public static final String VIDEO_PAD = "<|video_pad|>";

    /** The special tokens in the order a word-level verdict vocabulary assigns them ids 0..7. */
    public static final List<String> QWEN_VL_ORDER =
            List.of(END_OF_TEXT, IM_START, IM_END, VISION_START, VISION_END, VISION_PAD, IMAGE_PAD, VIDEO_PAD);

    /** The ids of the real Qwen2 / Qwen2.5-VL vocabulary. */
    public static final SpecialTokens QWEN = new SpecialTokens(151643, 151644, 151645, 151652, 151653, 151655, 151656);

    /** The ids of a verdict word-level vocabulary ({@link WordLevelVocabulary}). */
    public static final SpecialTokens WORD_LEVEL = new SpecialTokens(0, 1, 2, 3, 4, 6, 7);

    /** Ids that end generation: {@code <|im_end|>} and {@code <|endoftext|>}. */
    public int[] stopIds() {
        return new int[] {imEnd, endOfText};
    }
}
