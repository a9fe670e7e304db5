package dev.verdict.train.config;

import dev.verdict.image.ImageProcessorConfig;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.judge.prompt.PromptTemplate;
import dev.verdict.tokenizer.ImagePosition;
import java.nio.file.Path;

/**
 * How a trainer lays out the judge prompt; {@code model} keeps what the base model's {@code judge_prompt.json}
 * says (a released checkpoint has none: the whole R1-Reward prompt with the image first).
 *
 * @param imagePosition model, before-text or after-text
 * @param template model, r1-reward or r1-input
 * @param minPixels smallest image area after resizing, 0 = the base model's {@code preprocessor_config.json}
 * @param maxPixels largest image area after resizing, 0 = the base model's {@code preprocessor_config.json}
 */
public record PromptConfig(
        @Doc("where the image sits in the judge prompt's user turn: model (as the base model's judge_prompt.json"
                + " says), before-text (R1-Reward's inference scripts) or after-text (its RL training data: the image"
                + " right before the judgment that has to read it)")
        String imagePosition,

        @Doc("the prompt text: model (as the base model says), r1-reward (the whole R1-Reward prompt, what the"
                + " released checkpoint expects) or r1-input (its input section alone, the question and the two"
                + " responses under their headings: about 60 tokens instead of 230 for a small model from scratch)")
        String template,

        @Doc("smallest image area in pixels after resizing (0 = the base model's preprocessor_config.json); recorded in"
                + " every checkpoint's preprocessor_config.json")
        long minPixels,

        @Doc("largest image area in pixels after resizing (0 = the base model's preprocessor_config.json, 12.8M for the"
                + " released Qwen2.5-VL: up to 16,384 image tokens); recorded in every checkpoint's"
                + " preprocessor_config.json. R1-Reward trained at 501,760 (640 x 28 x 28)")
        long maxPixels) {

    /** The value that keeps the base model's choice. */
    public static final String MODEL = "model";

    public PromptConfig {
        Check.require(
                imagePosition.equals(MODEL) || ImagePosition.keys().contains(imagePosition),
                "prompt.image_position must be model or one of " + ImagePosition.keys() + ", got " + imagePosition);
        Check.require(
                template.equals(MODEL) || PromptTemplate.keys().contains(template),
                "prompt.template must be model or one of " + PromptTemplate.keys() + ", got " + template);
        Check.require(minPixels >= 0, "prompt.min_pixels must be >= 0 (0 = the model's), got " + minPixels);
        Check.require(maxPixels >= 0, "prompt.max_pixels must be >= 0 (0 = the model's), got " + maxPixels);
        Check.require(
                minPixels == 0 || maxPixels == 0 || minPixels <= maxPixels,
                "prompt.min_pixels (" + minPixels + ") must be <= prompt.max_pixels (" + maxPixels + ")");
    }

    public static final PromptConfig FROM_MODEL = new PromptConfig(MODEL, MODEL, 0, 0);

    /** Whether the image bounds differ from the base model's. */
    public boolean resizesImages() {
        return minPixels > 0 || maxPixels > 0;
    }

    /** The base model's image processor config with the bounds this config sets. */
    public ImageProcessorConfig imageBounds(ImageProcessorConfig base) {
        return base.with(
                "minPixels", minPixels > 0 ? minPixels : base.minPixels(),
                "maxPixels", maxPixels > 0 ? maxPixels : base.maxPixels());
    }

    /** The layout to train with, given the base model directory (read only where a field says model). */
    public PromptLayout layout(Path baseModel) {
        PromptLayout base = imagePosition.equals(MODEL) || template.equals(MODEL)
                ? PromptLayout.read(baseModel)
                : PromptLayout.DEFAULT;
        return new PromptLayout(
                imagePosition.equals(MODEL)
                        ? base.imagePosition()
                        : ImagePosition.parse(imagePosition, "prompt.image_position"),
                template.equals(MODEL) ? base.template() : PromptTemplate.parse(template, "prompt.template"));
    }
}
